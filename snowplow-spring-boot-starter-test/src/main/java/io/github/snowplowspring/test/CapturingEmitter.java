package io.github.snowplowspring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import io.github.snowplowspring.tracker.payload.Payload;
import org.jspecify.annotations.Nullable;

/**
 * An emitter that keeps what it is given, decoded, and sends nothing: the in-memory exporter of
 * a test. Hand it to a tracker ({@code Tracker.builder(ns).emitter(capturing)}), or let
 * {@code @AutoConfigureSnowplowCapture} put it in place of the application's emitters, then
 * assert with {@code SnowplowAssertions.assertThat(capturing)}.
 * <p>
 * The tracker calls it on the thread that tracks, so an event is captured when
 * {@code track()} returns. Thread-safe.
 */
public final class CapturingEmitter implements Emitter {

	private final List<CapturedEvent> events = new ArrayList<>();

	private long accepted;

	private @Nullable Instant lastAccepted;

	/**
	 * Decodes and keeps the payload.
	 * @param payload the event
	 * @throws IllegalArgumentException when its JSON parameters cannot be decoded (the tracker
	 * never sends such a payload)
	 */
	@Override
	public void accept(Payload payload) {
		CapturedEvent event = CapturedEvent.of(payload);
		synchronized (this) {
			this.events.add(event);
			this.accepted++;
			this.lastAccepted = Instant.now();
			notifyAll();
		}
	}

	/**
	 * The events captured since the last {@link #clear()}, in the order they were tracked.
	 * @return a snapshot
	 */
	public synchronized List<CapturedEvent> events() {
		return List.copyOf(this.events);
	}

	/**
	 * The number of events captured since the last {@link #clear()}.
	 * @return the count
	 */
	public synchronized int count() {
		return this.events.size();
	}

	/** Forgets every captured event. */
	public synchronized void clear() {
		this.events.clear();
	}

	/**
	 * Waits until at least {@code count} events were captured, for code that tracks on other
	 * threads.
	 * @param count the number of events
	 * @param timeout how long to wait at most
	 * @return the events captured so far
	 * @throws AssertionError naming what was captured, if fewer than {@code count} events were
	 * captured in time
	 */
	public synchronized List<CapturedEvent> awaitEvents(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.events.size() < count) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				StringBuilder message = new StringBuilder("Expected at least ").append(count)
					.append(" captured event(s) within ").append(timeout).append(", got ").append(this.events.size());
				for (int i = 0; i < this.events.size(); i++) {
					message.append(i == 0 ? ":" : "").append("\n  ").append(i + 1).append(". ")
						.append(this.events.get(i).summary());
				}
				throw new AssertionError(message.toString());
			}
			try {
				TimeUnit.NANOSECONDS.timedWait(this, remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + count + " captured event(s)", ex);
			}
		}
		return List.copyOf(this.events);
	}

	/** Every event accepted since this emitter was created counts as sent; nothing is ever pending. */
	@Override
	public synchronized EmitterStats stats() {
		return new EmitterStats(this.accepted, this.accepted, Map.of(), 0, 0, 0, 0, 0, 0, 0, null, 0, null,
				this.lastAccepted, null, null, null);
	}

	@Override
	public synchronized String toString() {
		return "CapturingEmitter[" + this.events.size() + " event(s)]";
	}

}
