package io.github.snowplowspring.test.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.test.CapturedEvent;
import io.github.snowplowspring.test.CapturingEmitter;
import io.github.snowplowspring.test.EventType;
import io.github.snowplowspring.test.sample.CheckoutService;
import io.github.snowplowspring.test.sample.CheckoutService.Line;
import io.github.snowplowspring.test.sample.CheckoutService.Purchase;
import io.github.snowplowspring.test.sample.ShopApplication;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.tracker.Tracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.snowplowspring.test.assertj.SnowplowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = ShopApplication.class,
		properties = { AutoConfigureSnowplowCaptureTests.NAMESPACE, AutoConfigureSnowplowCaptureTests.APP_ID,
				AutoConfigureSnowplowCaptureTests.PLATFORM, AutoConfigureSnowplowCaptureTests.USER_ID,
				AutoConfigureSnowplowCaptureTests.EMITTER_TYPE, AutoConfigureSnowplowCaptureTests.EMITTER_METHOD })
@AutoConfigureSnowplowCapture
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureSnowplowCaptureTests {

	static final String NAMESPACE = "snowplow.namespace=shop";

	static final String APP_ID = "snowplow.app-id=shop-web";

	static final String PLATFORM = "snowplow.platform=web";

	static final String USER_ID = "snowplow.subject.user-id=u1";

	// Sync and GET: were this emitter attached, a request would be sent before track() returned.
	static final String EMITTER_TYPE = "snowplow.emitters.collector.type=sync";

	static final String EMITTER_METHOD = "snowplow.emitters.collector.method=get";

	// The collector the configured emitter points at; it must receive nothing.
	private static final LoopbackCollector configuredCollector = LoopbackCollector.start();

	private static final Purchase ORDER = new Purchase("order-1", "cart-7",
			List.of(new Line("mug-1", 12.5, 2), new Line("tee-3", 20, 1)));

	@Autowired
	private CheckoutService checkout;

	@Autowired
	private CapturingEmitter capturing;

	@Autowired
	private Tracker tracker;

	@Autowired
	private EmitterRegistry registry;

	@DynamicPropertySource
	static void configuredCollector(DynamicPropertyRegistry registry) {
		registry.add("snowplow.emitters.collector.endpoint", () -> configuredCollector.uri().toString());
	}

	@AfterAll
	static void closeConfiguredCollector() {
		configuredCollector.close();
	}

	@Test
	@Order(1)
	void theTrackerSendsOnlyToTheCapturingEmitter() {
		assertThat(this.tracker.emitters()).containsExactly(this.capturing);
		assertThat(this.registry.names()).containsExactly("snowplowCapturingEmitter");
		assertThat(this.registry.type("snowplowCapturingEmitter")).isEqualTo("custom");
	}

	@Test
	@Order(2)
	void trackedEventsAreCapturedAndNothingReachesTheConfiguredCollector() {
		this.checkout.viewBasket("cart-7");
		this.checkout.complete(ORDER);
		this.tracker.flush(Duration.ofSeconds(1));
		assertThat(this.capturing).hasPageView("https://shop.example/basket")
			.withTitle("Basket")
			.withContext(CheckoutService.CART, Map.of("id", "cart-7"));
		assertThat(this.capturing).hasSelfDescribingEvent(CheckoutService.CHECKOUT_STEP)
			.withData("step", 3)
			.withContext(CheckoutService.CART, Map.of("id", "cart-7"));
		assertThat(this.capturing).hasStructuredEvent("checkout", "complete").withLabel("order-1").withValue(45).once();
		assertThat(this.capturing).hasTransaction("order-1")
			.withTotal(45)
			.withCurrency("EUR")
			.withItems(Map.of("mug-1", 2, "tee-3", 1));
		assertThat(this.capturing).hasEventCount(6).hasEventCount(EventType.TRANSACTION_ITEM, 2).allConformToSchemas();
		assertThat(configuredCollector.requests()).isEmpty();
	}

	@Test
	@Order(3)
	void aFailureListsWhatWasCaptured() {
		this.checkout.complete(ORDER);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasStructuredEvent("checkout", "complete").withLabel("order-2"))
			.withMessage("""
					Expecting a structured event with category "checkout" and action "complete", label "order-2"
					but none of the 5 events captured matches (1 matches a structured event with category "checkout" \
					and action "complete", marked >):
					  1. ue iglu:com.acme/checkout_step/jsonschema/1-0-0 {"step":3} contexts=[iglu:com.acme/cart/jsonschema/1-0-0 {"id":"cart-7"}]
					> 2. se category="checkout" action="complete" label="order-1" value=45
					  3. tr order="order-1" total=45 currency="EUR"
					  4. ti order="order-1" sku="mug-1" quantity=2 price=12.5
					  5. ti order="order-1" sku="tee-3" quantity=1 price=20""");
	}

	@Test
	@Order(4)
	void eachTestStartsWithNoCapturedEvent() {
		assertThat(this.capturing).hasNoEvents();
	}

	@Test
	@Order(5)
	void capturedEventsAreThoseTheApplicationWouldSend() {
		this.checkout.complete(ORDER);
		List<CapturedEvent> captured = this.capturing.events();
		List<Map<String, String>> sent;
		try (LoopbackCollector collector = LoopbackCollector.start();
				ConfigurableApplicationContext application = new SpringApplicationBuilder(ShopApplication.class)
					.properties(NAMESPACE, APP_ID, PLATFORM, USER_ID, EMITTER_TYPE, EMITTER_METHOD,
							"snowplow.emitters.collector.endpoint=" + collector.uri())
					.run()) {
			assertThat(application.getBeansOfType(CapturingEmitter.class)).isEmpty();
			application.getBean(CheckoutService.class).complete(ORDER);
			sent = collector.awaitEvents(captured.size(), Duration.ofSeconds(10));
		}
		assertThat(captured).hasSameSizeAs(sent);
		for (int i = 0; i < captured.size(); i++) {
			// Only the random event id and the send time differ.
			assertThat(withoutIdAndSendTime(captured.get(i).parameters()))
				.isEqualTo(withoutIdAndSendTime(sent.get(i)));
		}
		assertThat(captured.get(0).parameters()).containsEntry("tna", "shop")
			.containsEntry("aid", "shop-web")
			.containsEntry("p", "web")
			.containsEntry("uid", "u1")
			.containsEntry("dtm", Long.toString(ShopApplication.NOW.toEpochMilli()))
			.containsKey("ue_px");
	}

	private static Map<String, String> withoutIdAndSendTime(Map<String, String> parameters) {
		Map<String, String> copy = new LinkedHashMap<>(parameters);
		copy.remove("eid");
		copy.remove("stm");
		return copy;
	}

}
