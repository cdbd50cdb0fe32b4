package io.github.snowplowspring.boot.autoconfigure;

import io.github.snowplowspring.tracker.http.HttpTransport;

/**
 * Customizes the JDK HTTP transport of each configured HTTP emitter ({@code client: jdk}), for
 * example to give it an {@code HttpClient} of the application's. Applied in {@code @Order}.
 */
@FunctionalInterface
public interface SnowplowHttpTransportCustomizer {

	/**
	 * Customizes one transport.
	 * @param emitterName the emitter's name under {@code snowplow.emitters}
	 * @param builder the builder, with the properties already applied
	 */
	void customize(String emitterName, HttpTransport.Builder builder);

}
