package io.github.snowplowspring.boot.localcollector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The last events received, newest first, and counts of everything received. Thread-safe.
 */
final class EventStore {

	private final int capacity;

	private final Deque<CollectedEvent> events = new ArrayDeque<>();

	private final Map<String, long[]> byType = new TreeMap<>();

	private long good;

	private long bad;

	EventStore(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.capacity = capacity;
	}

	/** Adds events in the order they were sent; the last one becomes the newest. */
	synchronized void add(List<CollectedEvent> received) {
		for (CollectedEvent event : received) {
			this.events.addFirst(event);
			if (this.events.size() > this.capacity) {
				this.events.removeLast();
			}
			long[] counts = this.byType.computeIfAbsent(typeOf(event), (type) -> new long[2]);
			if (event.valid()) {
				this.good++;
				counts[0]++;
			}
			else {
				this.bad++;
				counts[1]++;
			}
		}
	}

	/**
	 * The events held, newest first.
	 * @param type only events of this type ({@link CollectorSummary#NO_TYPE} for those without
	 * one); any when null
	 * @param valid only good ({@code true}) or bad ({@code false}) events; both when null
	 */
	synchronized List<CollectedEvent> find(@Nullable String type, @Nullable Boolean valid) {
		List<CollectedEvent> found = new ArrayList<>();
		for (CollectedEvent event : this.events) {
			if ((type == null || type.equals(typeOf(event))) && (valid == null || valid == event.valid())) {
				found.add(event);
			}
		}
		return found;
	}

	synchronized CollectorSummary summary() {
		Map<String, CollectorSummary.Counts> counts = new TreeMap<>();
		this.byType.forEach((type, c) -> counts.put(type, new CollectorSummary.Counts(c[0], c[1])));
		return new CollectorSummary(this.good + this.bad, this.good, this.bad, this.events.size(), counts);
	}

	synchronized void clear() {
		this.events.clear();
		this.byType.clear();
		this.good = 0;
		this.bad = 0;
	}

	static String typeOf(CollectedEvent event) {
		String type = event.type();
		return (type != null && !type.isEmpty()) ? type : CollectorSummary.NO_TYPE;
	}

}
