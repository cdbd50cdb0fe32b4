package io.github.snowplowspring.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.Subject;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CapturedEventTests {

	private static final String STEP = "iglu:com.acme/checkout_step/jsonschema/1-0-0";

	private static final String USER = "iglu:com.acme/user/jsonschema/1-0-0";

	private final CapturingEmitter capturing = new CapturingEmitter();

	@Test
	void base64ContextsAndSelfDescribingEventAreDecodedToJsonTrees() {
		Tracker tracker = Tracker.builder("shop").appId("shop-web").emitter(this.capturing).build();
		String id = tracker.track(SelfDescribing.builder(STEP, Map.of("step", 2, "express", true))
			.context(SelfDescribingJson.of(USER, Map.of("id", "u1")))
			.build());
		CapturedEvent event = this.capturing.events().get(0);
		assertThat(event.eventType()).isEqualTo("ue");
		assertThat(event.is(EventType.SELF_DESCRIBING)).isTrue();
		assertThat(event.eventId()).isEqualTo(id);
		assertThat(event.get("tna")).isEqualTo("shop");
		assertThat(event.parameters()).containsKeys("ue_px", "cx").doesNotContainKeys("ue_pr", "co");
		assertThat(event.selfDescribingEvent().schema()).isEqualTo(STEP);
		assertThat(event.selfDescribingEvent().data().path("step").intValue()).isEqualTo(2);
		assertThat(event.selfDescribingEvent().data().path("express").booleanValue()).isTrue();
		assertThat(event.contexts()).singleElement().satisfies((entity) -> {
			assertThat(entity.schema()).isEqualTo(USER);
			assertThat(entity.data().path("id").stringValue()).isEqualTo("u1");
		});
		assertThat(event.context(USER)).isNotNull();
		assertThat(event.context(STEP)).isNull();
	}

	@Test
	void plainJsonContextsAndSelfDescribingEventAreDecodedAlike() {
		Tracker tracker = Tracker.builder("shop").base64(false).emitter(this.capturing).build();
		tracker.track(SelfDescribing.builder(STEP, Map.of("step", 3))
			.context(SelfDescribingJson.of(USER, Map.of("id", "u2")))
			.build());
		CapturedEvent event = this.capturing.events().get(0);
		assertThat(event.parameters()).containsKeys("ue_pr", "co").doesNotContainKeys("ue_px", "cx");
		assertThat(event.selfDescribingEvent().data().path("step").intValue()).isEqualTo(3);
		assertThat(event.context(USER).data().path("id").stringValue()).isEqualTo("u2");
	}

	@Test
	void aTransactionIsOneTrEventAndOneTiEventPerItem() {
		Tracker tracker = Tracker.builder("shop").emitter(this.capturing).build();
		tracker.track(EcommerceTransaction.builder("order-1", 37.5)
			.currency("EUR")
			.items(EcommerceTransactionItem.of("mug-1", 12.5, 2), EcommerceTransactionItem.of("tee-3", 12.5, 1))
			.build());
		List<CapturedEvent> events = this.capturing.events();
		assertThat(events).extracting(CapturedEvent::eventType).containsExactly("tr", "ti", "ti");
		assertThat(events).extracting((event) -> event.get("ti_sk")).containsExactly(null, "mug-1", "tee-3");
		assertThat(events).extracting(CapturedEvent::eventId).doesNotHaveDuplicates();
	}

	@Test
	void aCollectorsEventIsDecodedFromItsParametersInEitherBase64Alphabet() {
		// ">>>?" is "Pj4-Pw" in the URL-safe alphabet and "Pj4+Pw" in the standard one.
		String contexts = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\","
				+ "\"data\":[{\"schema\":\"" + USER + "\",\"data\":{\"id\":\">>>?\"}}]}";
		String standard = Base64.getEncoder().withoutPadding().encodeToString(contexts.getBytes(StandardCharsets.UTF_8));
		assertThat(standard).containsAnyOf("+", "/");
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("e", "pv");
		parameters.put("eid", "8c6e3b4e-0f4a-4a8e-9d7c-2f1d8d2f3a10");
		parameters.put("url", "https://shop.example/");
		parameters.put("cx", standard);
		CapturedEvent event = CapturedEvent.of(parameters);
		assertThat(event.context(USER).data().path("id").stringValue()).isEqualTo(">>>?");
		assertThat(event.selfDescribingEvent()).isNull();
	}

	@Test
	void aMapThatIsNotAnEventIsRejectedNamingWhatIsMissing() {
		assertThatIllegalArgumentException().isThrownBy(() -> CapturedEvent.of(Map.of("e", "pv")))
			.withMessageContaining("no eid parameter");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedEvent.of(Map.of("e", "ue", "eid", "x", "ue_pr", "[1]")))
			.withMessageContaining("ue_pr is not a JSON object");
	}

	@Test
	void theSummaryShowsTheMainFieldsOfEachEventType() {
		Tracker tracker = Tracker.builder("shop")
			.subject(Subject.builder().userId("u1").build())
			.emitter(this.capturing)
			.build();
		tracker.track(PageView.builder("https://shop.example/").title("Shop").build());
		tracker.track(Structured.builder("checkout", "complete").label("order-1").value(42.5).build());
		tracker.track(SelfDescribing.builder(STEP, Map.of("step", 2)).context(SelfDescribingJson.of(USER, Map.of("id", "u1"))).build());
		tracker.track(EcommerceTransaction.builder("order-1", 25).currency("EUR")
			.items(EcommerceTransactionItem.of("mug-1", 12.5, 2))
			.build());
		assertThat(this.capturing.events()).extracting(CapturedEvent::summary).containsExactly(
				"pv url=\"https://shop.example/\" title=\"Shop\"",
				"se category=\"checkout\" action=\"complete\" label=\"order-1\" value=42.5",
				"ue " + STEP + " {\"step\":2} contexts=[" + USER + " {\"id\":\"u1\"}]",
				"tr order=\"order-1\" total=25 currency=\"EUR\"",
				"ti order=\"order-1\" sku=\"mug-1\" quantity=2 price=12.5");
	}

	@Test
	void longDataIsCutInTheSummary() {
		Tracker tracker = Tracker.builder("shop").emitter(this.capturing).build();
		tracker.track(SelfDescribing.builder(STEP, Map.of("text", "x".repeat(500))).build());
		assertThat(this.capturing.events().get(0).summary()).hasSizeLessThan(200).endsWith("...");
	}

}
