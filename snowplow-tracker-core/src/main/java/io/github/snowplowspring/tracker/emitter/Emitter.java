package io.github.snowplowspring.tracker.emitter;

import java.time.Duration;

import io.github.snowplowspring.tracker.payload.Payload;

/**
 * Takes payloads from a tracker and delivers them somewhere. A custom emitter implements only
 * {@link #accept(Payload)} (the Python tracker's {@code input}); everything else has a default.
 */
@FunctionalInterface
public interface Emitter extends AutoCloseable {

	/**
	 * Takes one payload. Must not throw for delivery problems; only the synchronous emitter may
	 * do I/O on the caller's thread.
	 * @param payload the event
	 */
	void accept(Payload payload);

	/** Asks for buffered events to be sent, without waiting for them. */
	default void flush() {
	}

	/**
	 * Sends buffered events and waits for them, at most {@code timeout}.
	 * @param timeout how long to wait at most
	 * @return what the flush delivered, gave up, and left pending
	 */
	default FlushResult flush(Duration timeout) {
		flush();
		return FlushResult.EMPTY;
	}

	/**
	 * Flushes every {@code interval} from now on, replacing any earlier interval (the Python
	 * tracker's {@code set_flush_timer}).
	 * @param interval the interval, positive
	 */
	default void setFlushInterval(Duration interval) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " has no flush timer");
	}

	/** Stops the flush timer (the Python tracker's {@code cancel_flush_timer}). */
	default void cancelFlushInterval() {
	}

	/** A consistent snapshot of what this emitter has accepted, sent, dropped and holds. */
	default EmitterStats stats() {
		return EmitterStats.EMPTY;
	}

	/**
	 * Stops taking events, delivers what it can within its shutdown deadline, reports the rest as
	 * dropped ({@code shutdown}) and releases its threads. Calling it again does nothing.
	 */
	@Override
	default void close() {
	}

}
