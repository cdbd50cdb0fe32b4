package io.github.snowplowspring.testcollector;

import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what the collector has seen since it started or was reset.
 *
 * @param requests every request read, whatever the answer
 * @param receivedEvents events counted as received, duplicates included
 * @param uniqueEvents distinct event ids among the received events
 * @param requestsByStatus requests per answered status, {@link RecordedRequest#NO_RESPONSE} for faults
 */
public record CollectorStats(long requests, long receivedEvents, long uniqueEvents, Map<Integer, Long> requestsByStatus) {

	/** Copies the map so that the snapshot stays still. */
	public CollectorStats {
		requestsByStatus = Map.copyOf(requestsByStatus);
	}

	/**
	 * Received events beyond the first of each id: what at-least-once delivery re-sent.
	 *
	 * @return {@code receivedEvents - uniqueEvents}
	 */
	public long duplicates() {
		return receivedEvents - uniqueEvents;
	}

	/** One line, for logs and failure messages. */
	@Override
	public String toString() {
		return "received=" + receivedEvents + " unique=" + uniqueEvents + " duplicates=" + duplicates()
				+ " requests=" + requests + " byStatus=" + new TreeMap<>(requestsByStatus);
	}
}
