package io.github.snowplowspring.test.autoconfigure;

import java.util.List;

import io.github.snowplowspring.boot.autoconfigure.SnowplowProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Removes the configured emitters and workers from the bound {@link SnowplowProperties}, before
 * the starter reads them: the emitter registry then holds only {@code Emitter} beans, the
 * capturing one among them, and the Redis workers have nothing to drain or watch. The tracker
 * properties (namespace, app id, platform, base64, subject) are left as bound.
 */
final class CaptureOnlyPostProcessor implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(CaptureOnlyPostProcessor.class);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		// After initialization: the properties are bound before it.
		if (bean instanceof SnowplowProperties properties) {
			List<String> configured = List.copyOf(properties.getEmitters().keySet());
			if (!configured.isEmpty()) {
				logger.info("Snowplow capture: the emitters configured under snowplow.emitters {} are not built; "
						+ "tracked events go to the CapturingEmitter", configured);
			}
			if (!properties.isEnabled()) {
				// As in production: a disabled tracker sends to no emitter, the capturing one included.
				logger.warn("Snowplow capture: snowplow.enabled=false, so nothing is tracked and nothing is captured");
			}
			properties.getEmitters().clear();
			properties.getWorker().setEnabled(false);
		}
		return bean;
	}

}
