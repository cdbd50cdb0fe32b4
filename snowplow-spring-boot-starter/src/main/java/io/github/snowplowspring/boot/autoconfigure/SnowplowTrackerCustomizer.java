package io.github.snowplowspring.boot.autoconfigure;

import io.github.snowplowspring.tracker.Tracker;

/**
 * Customizes the auto-configured {@link Tracker} before it is built. Applied in {@code @Order}.
 */
@FunctionalInterface
public interface SnowplowTrackerCustomizer {

	/**
	 * Customizes the tracker.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(Tracker.Builder builder);

}
