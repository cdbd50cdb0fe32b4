package io.github.snowplowspring.test.autoconfigure;

import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.test.CapturingEmitter;
import io.github.snowplowspring.tracker.Tracker;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link AutoConfigureSnowplowCapture}: a {@link CapturingEmitter} bean,
 * which the starter attaches to the tracker as it does every {@code Emitter} bean, and no
 * emitter from {@code snowplow.emitters}.
 */
@AutoConfiguration(before = SnowplowAutoConfiguration.class)
@ConditionalOnClass(Tracker.class)
public final class SnowplowCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CapturingEmitter snowplowCapturingEmitter() {
		return new CapturingEmitter();
	}

	// Static: a post-processor must exist before the beans it processes, without this configuration.
	@Bean
	static BeanPostProcessor snowplowCaptureOnlyPostProcessor() {
		return new CaptureOnlyPostProcessor();
	}

}
