package io.github.snowplowspring.test.junit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.test.sample.CheckoutService;
import io.github.snowplowspring.test.sample.CheckoutService.Line;
import io.github.snowplowspring.test.sample.CheckoutService.Purchase;
import io.github.snowplowspring.test.sample.ShopApplication;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.snowplowspring.test.assertj.SnowplowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own configured emitter, sending to the fake collector: a test of delivery.
 */
@SpringBootTest(classes = ShopApplication.class,
		properties = { "snowplow.namespace=shop", "snowplow.emitters.collector.type=async",
				"snowplow.emitters.collector.retry.initial-backoff=10ms",
				"snowplow.emitters.collector.retry.max-backoff=50ms",
				"spring.lifecycle.timeout-per-shutdown-phase=2s" })
class FakeCollectorSpringBootTests {

	@RegisterExtension
	static final FakeCollectorExtension collector = new FakeCollectorExtension();

	@Autowired
	private CheckoutService checkout;

	@Autowired
	private Tracker tracker;

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("snowplow.emitters.collector.endpoint", collector::endpoint);
	}

	@Test
	void eventsAreDeliveredOnceAfterTheCollectorRecovers() {
		collector.respond(Response.status(503), Response.closeConnection(), Response.status(429).header("Retry-After", "0"));
		this.checkout.complete(new Purchase("order-1", "cart-7", List.of(new Line("mug-1", 12.5, 2))));
		assertThat(this.tracker.flush(Duration.ofSeconds(10)).pending()).isZero();
		assertThat(collector.collector().requests()).extracting(RecordedRequest::status)
			.containsExactly(503, RecordedRequest.NO_RESPONSE, 429, 200);
		assertThat(collector.collector().duplicates()).isZero();
		assertThat(collector).hasEventCount(4)
			.hasTransaction("order-1")
			.withItems(Map.of("mug-1", 2));
	}

}
