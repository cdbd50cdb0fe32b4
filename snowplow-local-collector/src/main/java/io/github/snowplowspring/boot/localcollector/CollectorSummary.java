package io.github.snowplowspring.boot.localcollector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of what the local collector received since it started or was last reset, including
 * events it no longer holds.
 *
 * @param total every event received, good and bad
 * @param good the events a pipeline would accept
 * @param bad the events a pipeline would reject, and requests no event could be read from
 * @param held the events still held, at most {@code snowplow.local-collector.max-events}
 * @param byType good and bad counts by event type ({@code e}), {@value #NO_TYPE} for bad requests
 * and events without one, sorted by type
 */
public record CollectorSummary(long total, long good, long bad, int held, Map<String, Counts> byType) {

	/** The type under which events without an {@code e} are counted and filtered. */
	public static final String NO_TYPE = "none";

	/**
	 * Creates a summary; the counts by type are copied in their order.
	 */
	public CollectorSummary {
		byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
	}

	/**
	 * Good and bad counts of one event type.
	 *
	 * @param good the events a pipeline would accept
	 * @param bad the events a pipeline would reject
	 */
	public record Counts(long good, long bad) {

	}

}
