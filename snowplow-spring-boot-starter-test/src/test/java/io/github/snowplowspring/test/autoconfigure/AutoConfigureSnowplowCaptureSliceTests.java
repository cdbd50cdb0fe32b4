package io.github.snowplowspring.test.autoconfigure;

import io.github.snowplowspring.test.CapturingEmitter;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.snowplowspring.test.assertj.SnowplowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context without auto-configuration, as in a test slice: the annotation brings the tracker.
 */
@SpringBootTest(classes = AutoConfigureSnowplowCaptureSliceTests.Plain.class,
		properties = { "snowplow.namespace=slice", "snowplow.emitters.collector.endpoint=http://127.0.0.1:9" })
@AutoConfigureSnowplowCapture
class AutoConfigureSnowplowCaptureSliceTests {

	@Autowired
	private Tracker tracker;

	@Autowired
	private CapturingEmitter capturing;

	@Autowired
	private RecordingEmitter applicationEmitter;

	@Test
	void theAnnotationAloneGivesATrackerThatCaptures() {
		this.tracker.track(PageView.builder("https://shop.example/").build());
		assertThat(this.capturing).hasPageView("https://shop.example/").withParameter("tna", "slice");
	}

	@Test
	void anEmitterBeanOfTheApplicationStaysAttached() {
		assertThat(this.tracker.emitters()).containsExactlyInAnyOrder(this.capturing, this.applicationEmitter);
	}

	@Configuration(proxyBeanMethods = false)
	static class Plain {

		@Bean
		RecordingEmitter applicationEmitter() {
			return new RecordingEmitter();
		}

	}

	static class RecordingEmitter implements Emitter {

		@Override
		public void accept(Payload payload) {
		}

	}

}
