package io.github.snowplowspring.testcollector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The thread-safe record of requests and received events; waiters sleep on a condition, not a spin. */
final class Recorder {

	private final boolean retainRequests;
	private final ReentrantLock lock = new ReentrantLock();
	private final Condition changed = lock.newCondition();
	private final List<RecordedRequest> requests = new ArrayList<>();
	private final List<Map<String, String>> events = new ArrayList<>();
	private final Map<String, Integer> countsByEid = new LinkedHashMap<>();
	private final Map<Integer, Long> requestsByStatus = new HashMap<>();
	private long requestCount;
	private long eventCount;

	/** With {@code retainRequests} false only counts are kept, so that a long benchmark keeps a flat heap. */
	Recorder(boolean retainRequests) {
		this.retainRequests = retainRequests;
	}

	void record(RecordedRequest request) {
		lock.lock();
		try {
			requestCount++;
			requestsByStatus.merge(request.status(), 1L, Long::sum);
			if (request.stored()) {
				for (Map<String, String> event : request.events()) {
					eventCount++;
					countsByEid.merge(event.get(EventDecoder.EVENT_ID), 1, Integer::sum);
				}
				if (retainRequests) {
					events.addAll(request.events());
				}
			}
			if (retainRequests) {
				requests.add(request);
			}
			changed.signalAll();
		} finally {
			lock.unlock();
		}
	}

	List<RecordedRequest> requests() {
		return locked(() -> List.copyOf(requests));
	}

	List<Map<String, String>> events() {
		return locked(() -> List.copyOf(events));
	}

	List<String> eventIds() {
		return locked(() -> events.stream().map(e -> e.get(EventDecoder.EVENT_ID)).toList());
	}

	int receivedCount(String eid) {
		return locked(() -> countsByEid.getOrDefault(eid, 0));
	}

	Set<String> uniqueEventIds() {
		return locked(() -> new LinkedHashSet<>(countsByEid.keySet()));
	}

	CollectorStats stats() {
		return locked(() -> new CollectorStats(requestCount, eventCount, countsByEid.size(), requestsByStatus));
	}

	void clear() {
		locked(() -> {
			requests.clear();
			events.clear();
			countsByEid.clear();
			requestsByStatus.clear();
			requestCount = 0;
			eventCount = 0;
			return null;
		});
	}

	List<RecordedRequest> awaitRequests(int n, Duration timeout) {
		await(n, "requests", () -> requestCount, timeout);
		return requests();
	}

	List<Map<String, String>> awaitEvents(int n, Duration timeout) {
		await(n, "received events", () -> eventCount, timeout);
		return events();
	}

	Set<String> awaitUniqueEvents(int n, Duration timeout) {
		await(n, "unique events", countsByEid::size, timeout);
		return uniqueEventIds();
	}

	private void await(int n, String what, LongSupplier arrived, Duration timeout) {
		long nanosLeft = timeout.toNanos();
		lock.lock();
		try {
			while (arrived.getAsLong() < n) {
				if (nanosLeft <= 0) {
					throw new AssertionError("Expected at least " + n + " " + what + " within " + timeout.toMillis()
							+ " ms, but " + arrived.getAsLong() + " arrived (" + stats() + ")");
				}
				nanosLeft = changed.awaitNanos(nanosLeft);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for " + n + " " + what, e);
		} finally {
			lock.unlock();
		}
	}

	private <T> T locked(Supplier<T> read) {
		lock.lock();
		try {
			return read.get();
		} finally {
			lock.unlock();
		}
	}
}
