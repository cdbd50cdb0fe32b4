package io.github.snowplowspring.tracker;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.context.EventFilter;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.payload.DataSerializer;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Context providers, the subject of the moment, routing and data serialization. */
class TrackerExtensionsTest {

	private final CapturingEmitter emitter = new CapturingEmitter();

	@Test
	void contextProvidersAddEntitiesToEveryEventAfterItsOwn() {
		Tracker tracker = Tracker.builder("ns")
			.emitter(this.emitter)
			.contextProvider((event) -> List.of(SelfDescribingJson.of("iglu:com.acme/trace/jsonschema/1-0-0",
					Map.of("traceId", "t1"))), (event) -> (event instanceof Structured) ? List.of()
							: List.of(SelfDescribingJson.of("iglu:com.acme/page/jsonschema/1-0-0", Map.of("x", 1))))
			.build();
		tracker.track(PageView.builder("https://a.example/")
			.context(SelfDescribingJson.of("iglu:com.acme/own/jsonschema/1-0-0", Map.of("o", 1)))
			.build());
		tracker.track(Structured.builder("c", "a").build());
		assertThat(TrackerTest.decode(this.emitter.payloads.get(0).get("cx"))).containsSubsequence(
				"iglu:com.acme/own/jsonschema/1-0-0", "iglu:com.acme/trace/jsonschema/1-0-0",
				"iglu:com.acme/page/jsonschema/1-0-0");
		assertThat(TrackerTest.decode(this.emitter.payloads.get(1).get("cx"))).contains("trace")
			.doesNotContain("iglu:com.acme/page/");
	}

	@Test
	void aContextProviderThatFailsIsSkippedAndTheEventTracked() {
		Tracker tracker = Tracker.builder("ns").emitter(this.emitter).contextProvider((event) -> {
			throw new IllegalStateException("provider bug");
		}).build();
		tracker.track(PageView.builder("https://a.example/").build());
		assertThat(this.emitter.only().get("cx")).isNull();
	}

	@Test
	void theSubjectOfTheMomentLiesBetweenTheTrackersAndTheEventsOwn() {
		Tracker tracker = Tracker.builder("ns")
			.subject(Subject.builder().userId("default").timezone("UTC").language("en").build())
			.subjectProvider(() -> Subject.builder().userId("request-user").ipAddress("203.0.113.5").language("fr").build())
			.emitter(this.emitter)
			.build();
		tracker.track(PageView.builder("https://a.example/").subject(Subject.builder().language("de").build()).build());
		assertThat(this.emitter.only().toMap()).containsEntry("uid", "request-user")
			.containsEntry("ip", "203.0.113.5")
			.containsEntry("tz", "UTC")
			.containsEntry("lang", "de");
	}

	@Test
	void eachEmitterReceivesOnlyTheEventsItsFilterAccepts() {
		CapturingEmitter pages = new CapturingEmitter();
		CapturingEmitter acme = new CapturingEmitter();
		CapturingEmitter orders = new CapturingEmitter();
		Tracker tracker = Tracker.builder("ns")
			.emitter(this.emitter)
			.emitter(pages, EventFilter.types("pv", "pp"))
			.emitter(acme, EventFilter.schemas("iglu:com.acme/"))
			.emitter(orders, EventFilter.types("tr"))
			.build();
		tracker.track(PageView.builder("https://a.example/").build());
		tracker.track(SelfDescribing.builder("iglu:com.acme/thing/jsonschema/1-0-0", Map.of("a", 1)).build());
		tracker.track(ScreenView.builder("home").build());
		tracker.track(EcommerceTransaction.builder("o1", 10).items(EcommerceTransactionItem.of("s", 10, 1)).build());
		assertThat(this.emitter.payloads).hasSize(5);
		assertThat(pages.payloads).extracting((payload) -> payload.get("e")).containsExactly("pv");
		assertThat(acme.payloads).hasSize(1);
		assertThat(orders.payloads).extracting((payload) -> payload.get("e")).containsExactly("tr", "ti");
		assertThatIllegalArgumentException().isThrownBy(() -> EventFilter.types("pageview"))
			.withMessageContaining("'pageview'");
	}

	@Test
	void dataSerializationCanBeTaughtATypeWithoutJackson() {
		record Money(BigDecimal amount, String currency) {
		}
		Tracker tracker = Tracker.builder("ns")
			.base64(false)
			.dataSerializer(DataSerializer.DEFAULT.withConverter(Money.class,
					(money) -> money.amount().toPlainString() + " " + money.currency()))
			.emitter(this.emitter)
			.build();
		tracker.track(SelfDescribing.builder("iglu:com.acme/price/jsonschema/1-0-0",
				Map.of("price", new Money(new BigDecimal("12.50"), "EUR"), "list", List.of(new Money(BigDecimal.ONE, "USD"))))
			.build());
		Payload payload = this.emitter.only();
		assertThat(payload.get("ue_pr")).contains("\"price\":\"12.50 EUR\"").contains("\"list\":[\"1 USD\"]");
	}

}
