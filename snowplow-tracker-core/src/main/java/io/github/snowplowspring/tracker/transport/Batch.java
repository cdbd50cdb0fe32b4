package io.github.snowplowspring.tracker.transport;

import java.util.List;

/**
 * Events sent together in one request (one POST body, one GET, one Redis command).
 *
 * @param events the events, at least one
 * @param attempt which attempt this is for these events, 1 for the first
 */
public record Batch(List<EncodedEvent> events, int attempt) {

	public Batch {
		events = List.copyOf(events);
		if (events.isEmpty()) {
			throw new IllegalArgumentException("a batch holds at least one event");
		}
		if (attempt < 1) {
			throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
		}
	}

	/** The number of events. */
	public int size() {
		return this.events.size();
	}

	/** The encoded size of the events, without any request overhead. */
	public long eventBytes() {
		long total = 0;
		for (EncodedEvent event : this.events) {
			total += event.size();
		}
		return total;
	}

}
