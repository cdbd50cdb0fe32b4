package io.github.snowplowspring.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.iglu.ValidationReport;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.event.PagePing;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;
import io.github.snowplowspring.tracker.http.HttpMethod;
import io.github.snowplowspring.tracker.http.HttpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the tracker sends validates against the Iglu schemas: every POST body against
 * {@code payload_data} 1-0-4, every GET query string as one item of it, and every decoded
 * context, event envelope and inner self-describing event against its own schema. All event
 * types, GET and POST, base64 on and off.
 */
class ConformanceTest {

	private static final PayloadValidator validator = PayloadValidator.create();

	private static LoopbackCollector collector;

	@BeforeAll
	static void startCollector() {
		collector = LoopbackCollector.start();
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	static Stream<Arguments> wireVariants() {
		return Stream.of(Arguments.of(HttpMethod.POST, true), Arguments.of(HttpMethod.POST, false),
				Arguments.of(HttpMethod.GET, true), Arguments.of(HttpMethod.GET, false));
	}

	@ParameterizedTest(name = "{0}, base64 {1}")
	@MethodSource("wireVariants")
	void everyEventTypeValidatesOnTheWire(HttpMethod method, boolean base64) {
		collector.reset();
		BatchEmitter emitter = BatchEmitter
			.builder(HttpTransport.builder(collector.uri().toString()).method(method).build())
			.bufferSize((method == HttpMethod.POST) ? 4 : 1)
			.build();
		Subject subject = Subject.builder()
			.userId("user-1")
			.timezone("Europe/London")
			.language("en-GB")
			.screenResolution(1920, 1080)
			.viewport(1280, 720)
			.colorDepth(24)
			.ipAddress("203.0.113.7")
			.userAgent("Mozilla/5.0 (X11; Linux x86_64)")
			.domainUserId(UUID.randomUUID().toString())
			.networkUserId(UUID.randomUUID().toString())
			.sessionId(UUID.randomUUID().toString())
			.sessionIndex(2)
			.build();
		List<String> eventIds = new ArrayList<>();
		try (Tracker tracker = Tracker.builder("conformance").appId("test-app").base64(base64).subject(subject)
			.emitter(emitter)
			.build()) {
			for (Event event : everyEventType()) {
				eventIds.add(tracker.track(event));
			}
			assertThat(tracker.flush(Duration.ofSeconds(10)).pending()).isZero();
		}

		List<RecordedRequest> requests = collector.requests();
		assertThat(requests).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo(method.name());
			assertThat(request.status()).isEqualTo(200);
		});
		for (RecordedRequest request : requests) {
			ValidationReport report = (method == HttpMethod.POST)
					? validator.validatePostBody(request.body())
					: validator.validateQueryString(request.rawQuery());
			assertThat(report.violations()).as("violations in %s %s", method, describe(request)).isEmpty();
		}
		Set<String> eventTypes = new TreeSet<>();
		collector.events().forEach((event) -> {
			eventTypes.add(event.get("e"));
			assertThat(event.get("stm")).as("stm").matches("\\d{13}");
			assertThat(event.get("tv")).isEqualTo(Tracker.VERSION);
			if (event.containsKey("ue_px") || event.containsKey("cx")) {
				assertThat(base64).isTrue();
			}
			if (event.containsKey("ue_pr") || event.containsKey("co")) {
				assertThat(base64).isFalse();
			}
		});
		assertThat(eventTypes).containsExactly("pp", "pv", "se", "ti", "tr", "ue");
		assertThat(collector.uniqueEventIds()).containsAll(eventIds).hasSize(everyEventType().size() + 2);
		assertThat(collector.duplicates()).isZero();
	}

	private static String describe(RecordedRequest request) {
		return request.path() + ((request.rawQuery() != null) ? "?" + request.rawQuery()
				: " " + new String(request.body(), StandardCharsets.UTF_8));
	}

	private static List<Event> everyEventType() {
		SelfDescribingJson product = SelfDescribingJson.of("iglu:com.acme/product/jsonschema/1-0-0",
				Map.of("sku", "sku-1", "name", "Mug \"Grand\" – 500ml", "price", 12.5, "tags", List.of("kitchen", "é")));
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("step", 2);
		step.put("note", "line\nbreak & ampersand = equals + plus / slash ? query # hash");
		step.put("at", Instant.parse("2026-12-04T10:15:30.250Z"));
		step.put("absent", null); // nulls are left out, so additionalProperties:false still holds
		Instant trueTime = Instant.parse("2026-12-04T10:15:00Z");
		Subject eventSubject = Subject.builder().userId("user-2").language("fr").build();
		return List.of(PageView.builder("https://shop.example/products/1?ref=mail&x=a b").title("Mug – shop")
			.referrer("https://mail.example/")
			.context(product)
			.build(), PageView.builder("https://shop.example/").build(),
				PagePing.builder("https://shop.example/products/1").title("Mug").xOffsets(0, 100).yOffsets(50, 1800)
					.build(),
				Structured.builder("basket", "add").label("sku-1").property("colour=red").value(2.5).context(product)
					.subject(eventSubject)
					.build(),
				Structured.builder("basket", "remove").build(),
				SelfDescribing.builder("iglu:com.acme/checkout_step/jsonschema/1-0-0", step).trueTimestamp(trueTime)
					.build(),
				SelfDescribing.builder("iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1",
						Map.of("targetUrl", "https://partner.example/?a=1&b=2", "elementClasses", List.of("btn", "cta")))
					.context(product, SelfDescribingJson.of("iglu:com.acme/checkout_step/jsonschema/1-0-0", Map.of("step", 1)))
					.build(),
				SelfDescribing.builder("iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0",
						Map.of("sku", "sku-1", "quantity", 2, "unitPrice", 12.5, "currency", "EUR"))
					.build(),
				SelfDescribing.builder("iglu:com.snowplowanalytics.snowplow/site_search/jsonschema/1-0-0",
						Map.of("terms", List.of("blue", "mug"), "totalResults", 3))
					.build(),
				ScreenView.builder("product").type("detail").previousName("home")
					.previousId(UUID.randomUUID().toString())
					.transitionType("push")
					.build(),
				ScreenView.builder("home").build(),
				Timing.builder("checkout", "payment", Duration.ofMillis(812)).label("card").build(),
				Timing.builder("checkout", "address", Duration.ofMillis(90)).build(),
				EcommerceTransaction.builder("order-7", 37.5).affiliation("web").taxValue(6.25).shipping(4.0)
					.city("Lyon").state("ARA").country("FR").currency("EUR").context(product)
					.items(EcommerceTransactionItem.of("sku-1", 12.5, 2, "Mug", "kitchen"),
							new EcommerceTransactionItem("sku-2", 8.5, 1, null, null, List.of(product)))
					.build());
	}

}
