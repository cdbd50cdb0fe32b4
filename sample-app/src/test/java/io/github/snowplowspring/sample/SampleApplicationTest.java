package io.github.snowplowspring.sample;

import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.tracker.emitter.FlushResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "sample.collector-port=0", "sample.shoppers=2" })
class SampleApplicationTest {

	@Autowired
	private LoopbackCollector collector;

	@Autowired
	private ShopperSimulation simulation;

	@Test
	void everyTrackedEventReachesTheCollectorAndValidates() {
		// 2 shoppers x (6 events + 1 transaction item)
		assertThat(this.simulation.lastFlush()).isEqualTo(new FlushResult(4, 0, 0));
		assertThat(this.collector.uniqueEventIds()).hasSize(14);
		PayloadValidator validator = PayloadValidator.create();
		for (RecordedRequest request : this.collector.requests()) {
			assertThat(validator.validatePostBody(request.body()).violations()).isEmpty();
		}
	}

}
