package io.github.snowplowspring.sample;

import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.Structured;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample, configured by its {@code application.yml}, tracks through the injected
 * {@link Tracker} to a loopback collector; everything that arrives validates against the Iglu
 * schemas.
 */
// Closed after its tests, while the collector it sends to still runs.
@DirtiesContext
@SpringBootTest(properties = "sample.shoppers=2")
class SampleApplicationTest {

	private static final LoopbackCollector collector = LoopbackCollector.start();

	@DynamicPropertySource
	static void collectorUrl(DynamicPropertyRegistry registry) {
		registry.add("sample.collector", () -> collector.uri().toString());
	}


	@Autowired
	private Tracker tracker;

	@Autowired
	private ShopperSimulation simulation;

	@Test
	void everyTrackedEventReachesTheCollectorAndValidates() {
		// 2 shoppers x (6 events + 1 transaction item), all delivered by the simulation's final flush
		assertThat(this.simulation.lastFlush().pending()).isZero();
		String id = this.tracker.track(Structured.builder("test", "injected").build());
		this.tracker.flush(java.time.Duration.ofSeconds(5));
		assertThat(collector.uniqueEventIds()).hasSize(15).contains(id);
		PayloadValidator validator = PayloadValidator.create();
		for (RecordedRequest request : collector.requests()) {
			assertThat(validator.validatePostBody(request.body()).violations()).isEmpty();
		}
	}

}
