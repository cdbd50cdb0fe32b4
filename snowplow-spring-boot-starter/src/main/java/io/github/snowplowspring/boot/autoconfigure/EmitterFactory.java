package io.github.snowplowspring.boot.autoconfigure;

import io.github.snowplowspring.tracker.emitter.Emitter;

/**
 * Builds the configured emitters of some types ({@code sync}, {@code async}, {@code redis},
 * {@code queue}). Auto-configurations contribute one bean per technology.
 */
public interface EmitterFactory {

	/**
	 * Whether this factory builds emitters of the given type.
	 * @param type the value of {@code snowplow.emitters.<name>.type}
	 * @return whether it does
	 */
	boolean supports(String type);

	/**
	 * Builds one emitter.
	 * @param name the emitter's name under {@code snowplow.emitters}
	 * @param properties its properties
	 * @param context what the emitter may share with the others: listener, timer, customizers
	 * @return the emitter, not yet used
	 * @throws InvalidSnowplowConfigurationException when a property cannot work
	 */
	Emitter create(String name, SnowplowProperties.EmitterProperties properties, EmitterContext context);

}
