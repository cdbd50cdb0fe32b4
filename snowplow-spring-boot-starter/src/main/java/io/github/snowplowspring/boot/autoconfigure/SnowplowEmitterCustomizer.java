package io.github.snowplowspring.boot.autoconfigure;

import io.github.snowplowspring.tracker.emitter.BatchEmitter;

/**
 * Customizes each configured emitter before it is built, for example to add a listener to one
 * of them. Applied in {@code @Order}.
 */
@FunctionalInterface
public interface SnowplowEmitterCustomizer {

	/**
	 * Customizes one emitter.
	 * @param emitterName the emitter's name under {@code snowplow.emitters}
	 * @param builder the builder, with the properties already applied
	 */
	void customize(String emitterName, BatchEmitter.Builder builder);

}
