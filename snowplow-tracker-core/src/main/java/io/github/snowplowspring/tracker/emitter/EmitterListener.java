package io.github.snowplowspring.tracker.emitter;

import java.util.List;

import io.github.snowplowspring.tracker.payload.Payload;

/**
 * Hears what becomes of events: the Python tracker's {@code on_success} and {@code on_failure}.
 * Called on the thread that sent (the caller's, for the synchronous emitter), never under a
 * lock; an exception thrown here is logged and never stops delivery.
 */
public interface EmitterListener {

	/** A listener that does nothing. */
	EmitterListener NONE = new EmitterListener() {
	};

	/**
	 * Events were delivered.
	 * @param sent the delivered events
	 */
	default void onSuccess(List<Payload> sent) {
	}

	/**
	 * Events were not delivered: they will be retried ({@link Failure#willRetry()}) or were dropped.
	 * @param successCount events delivered by the same flush before this failure
	 * @param failed the events that failed
	 * @param failure why, and whether they will be retried
	 */
	default void onFailure(int successCount, List<Payload> failed, Failure failure) {
	}

}
