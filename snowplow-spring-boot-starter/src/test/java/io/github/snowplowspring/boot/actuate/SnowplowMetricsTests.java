package io.github.snowplowspring.boot.actuate;

import java.time.Duration;
import java.util.Map;

import io.github.snowplowspring.boot.actuate.autoconfigure.SnowplowMetricsAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Every meter, driven by real traffic to a loopback collector. */
class SnowplowMetricsTests {

	private final LoopbackCollector collector = LoopbackCollector.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class, SnowplowMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("snowplow.namespace=shop", "snowplow.emitters.collector.type=sync",
				"snowplow.emitters.collector.endpoint=" + this.collector.uri(),
				"snowplow.emitters.collector.buffer-size=2", "snowplow.emitters.collector.buffer-capacity=4",
				"snowplow.emitters.collector.max-event-bytes=2KB",
				"snowplow.emitters.collector.retry.initial-backoff=1ms");

	@AfterEach
	void stopCollector() {
		this.collector.close();
	}

	@Test
	void everyMeterFollowsTheLedger() {
		this.collector.respond(Response.status(503), Response.ok(), Response.status(400));
		this.runner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBean(SnowplowMetrics.class).bindTo(meters);
			Tracker tracker = context.getBean(Tracker.class);
			EmitterRegistry registry = context.getBean(EmitterRegistry.class);
			track(tracker, 2); // 503: failed, waiting for retry
			assertThat(value(meters, "snowplow.buffer.events")).isZero();
			registry.flush("collector", Duration.ofSeconds(5)); // retried: 200
			track(tracker, 2); // 400: rejected
			tracker.track(SelfDescribing.builder("iglu:com.acme/big/jsonschema/1-0-0", Map.of("t", "x".repeat(3_000)))
				.build()); // oversized
			track(tracker, 1); // buffered
			assertThat(count(meters, "snowplow.events.accepted")).isEqualTo(6);
			assertThat(count(meters, "snowplow.events.sent")).isEqualTo(2);
			assertThat(count(meters, "snowplow.events.failed")).isEqualTo(4);
			assertThat(count(meters, "snowplow.events.retried")).isEqualTo(2);
			assertThat(meters.get("snowplow.events.dropped").tags("emitter", "collector", "reason", "rejected")
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(meters.get("snowplow.events.dropped").tags("reason", "oversized").functionCounter().count())
				.isEqualTo(1);
			assertThat(meters.get("snowplow.events.dropped").tags("reason", "buffer_full").functionCounter().count())
				.isZero();
			assertThat(value(meters, "snowplow.buffer.events")).isEqualTo(1);
			assertThat(value(meters, "snowplow.buffer.bytes")).isPositive();
			assertThat(meters.get("snowplow.send").tags("emitter", "collector", "outcome", "retry").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("snowplow.send").tags("outcome", "success").timer().count()).isEqualTo(1);
			assertThat(meters.get("snowplow.send").tags("outcome", "rejected").timer().count()).isEqualTo(1);
		});
	}

	private static void track(Tracker tracker, int count) {
		for (int i = 0; i < count; i++) {
			tracker.track(PageView.builder("https://shop.example/" + i).build());
		}
	}

	private static double count(MeterRegistry meters, String name) {
		return meters.get(name).tag("emitter", "collector").functionCounter().count();
	}

	private static double value(MeterRegistry meters, String name) {
		return meters.get(name).tag("emitter", "collector").gauge().value();
	}

}
