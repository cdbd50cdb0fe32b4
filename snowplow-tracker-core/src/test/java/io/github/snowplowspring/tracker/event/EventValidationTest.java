package io.github.snowplowspring.tracker.event;

import java.time.Duration;
import java.util.Map;

import io.github.snowplowspring.tracker.Subject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** Every piece of bad input fails where it is built, with a message naming the field. */
class EventValidationTest {

	@Test
	void pageViewNeedsAUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> PageView.builder(" ").build())
			.withMessage("PageView.url is required and must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> PagePing.builder("").build())
			.withMessageContaining("PagePing.url");
	}

	@Test
	void structuredEventNeedsCategoryActionAndAFiniteValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> Structured.builder(null, "a").build())
			.withMessageContaining("Structured.category");
		assertThatIllegalArgumentException().isThrownBy(() -> Structured.builder("c", "").build())
			.withMessageContaining("Structured.action");
		assertThatIllegalArgumentException().isThrownBy(() -> Structured.builder("c", "a").value(Double.NaN).build())
			.withMessage("Structured.value must be a finite number, was NaN");
	}

	@Test
	void selfDescribingJsonNeedsAnIgluUriAndData() {
		assertThatIllegalArgumentException().isThrownBy(() -> SelfDescribingJson.of("com.acme/thing/1-0-0", Map.of()))
			.withMessageContaining("'com.acme/thing/1-0-0' is not an Iglu URI");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SelfDescribingJson.of("iglu:com.acme/thing/jsonschema/1-0", Map.of()))
			.withMessageContaining("schema");
		assertThatNullPointerException().isThrownBy(() -> SelfDescribingJson.of("iglu:com.acme/thing/jsonschema/1-0-0", null))
			.withMessageContaining("data of iglu:com.acme/thing/jsonschema/1-0-0");
	}

	@Test
	void screenViewIdMustBeAUuid() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScreenView.builder("home").id("home-1").build())
			.withMessageContaining("ScreenView.id must be a UUID");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScreenView.builder("home").previousId("1-2-3-4-5").build())
			.withMessageContaining("ScreenView.previousId must be a UUID");
		assertThatIllegalArgumentException().isThrownBy(() -> ScreenView.builder(null).build())
			.withMessageContaining("ScreenView.name");
		assertThat(ScreenView.builder("home").id("5b9d3c1e-0d6a-4f7e-9a2b-1c3d4e5f6a7b").build().id())
			.isEqualTo("5b9d3c1e-0d6a-4f7e-9a2b-1c3d4e5f6a7b");
	}

	@Test
	void timingNeedsCategoryVariableAndANonNegativeTime() {
		assertThatIllegalArgumentException().isThrownBy(() -> Timing.builder("", "v", Duration.ZERO).build())
			.withMessageContaining("Timing.category");
		assertThatIllegalArgumentException().isThrownBy(() -> Timing.builder("c", null, Duration.ZERO).build())
			.withMessageContaining("Timing.variable");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Timing.builder("c", "v", Duration.ofMillis(-1)).build())
			.withMessage("Timing.timing must not be negative, was -1");
	}

	@Test
	void transactionNeedsAnOrderIdAndFiniteAmounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> EcommerceTransaction.builder(" ", 1).build())
			.withMessageContaining("EcommerceTransaction.orderId");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EcommerceTransaction.builder("o", Double.POSITIVE_INFINITY).build())
			.withMessageContaining("EcommerceTransaction.totalValue");
		assertThatIllegalArgumentException().isThrownBy(() -> EcommerceTransactionItem.of("", 1, 1))
			.withMessageContaining("EcommerceTransactionItem.sku");
		assertThatIllegalArgumentException().isThrownBy(() -> EcommerceTransactionItem.of("s", Double.NaN, 1))
			.withMessageContaining("EcommerceTransactionItem.price");
	}

	@Test
	void subjectRejectsImpossibleValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Subject.builder().screenResolution(0, 10))
			.withMessageContaining("dimensions must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> Subject.builder().colorDepth(0).build())
			.withMessageContaining("Subject.colorDepth");
		assertThatIllegalArgumentException().isThrownBy(() -> Subject.builder().sessionIndex(-1).build())
			.withMessageContaining("Subject.sessionIndex");
	}

	@Test
	void eventsAreImmutable() {
		PageView.Builder builder = PageView.builder("https://a.example/")
			.context(SelfDescribingJson.of("iglu:com.acme/c/jsonschema/1-0-0", Map.of()));
		PageView first = builder.build();
		builder.context(SelfDescribingJson.of("iglu:com.acme/d/jsonschema/1-0-0", Map.of()));
		assertThat(first.contexts()).hasSize(1);
		assertThat(builder.build().contexts()).hasSize(2);
	}

}
