package io.github.snowplowspring.sample;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.sample.simulation.ShopperSimulation;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.tracker.Tracker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample, configured by its {@code application.yml}, tracks through the injected
 * {@link Tracker}; every event type arrives and validates against the Iglu schemas, the sample's
 * own included.
 */
@DirtiesContext
@SpringBootTest(properties = "sample.simulation.rate=0")
class SampleApplicationTest {

	private static final LoopbackCollector collector = LoopbackCollector.start();

	@DynamicPropertySource
	static void collectorUrl(DynamicPropertyRegistry registry) {
		registry.add("sample.collector", () -> collector.uri().toString());
		registry.add("snowplow.local-collector.enabled", () -> "false");
	}

	@Autowired
	private Tracker tracker;

	@Autowired
	private ShopperSimulation simulation;

	@Test
	void aVisitTracksEveryEventTypeAndEverythingValidates() {
		int events = this.simulation.visit(true);
		assertThat(this.tracker.flush(Duration.ofSeconds(5)).pending()).isZero();
		assertThat(collector.awaitUniqueEvents(events, Duration.ofSeconds(5))).hasSize(events);
		Set<String> types = new TreeSet<>();
		collector.events().forEach((event) -> types.add(event.get("e")));
		assertThat(types).containsExactly("pp", "pv", "se", "ti", "tr", "ue");
		PayloadValidator validator = PayloadValidator.create();
		for (RecordedRequest request : collector.requests()) {
			assertThat(validator.validatePostBody(request.body()).violations()).isEmpty();
		}
	}

}
