package io.github.snowplowspring.tracker.emitter;

import java.time.Duration;

/**
 * Hears every request an emitter makes and how it ended, for metrics. Called on the sending
 * thread: keep it quick and never throw.
 */
@FunctionalInterface
public interface SendObserver {

	/** An observer that does nothing. */
	SendObserver NONE = (events, duration, result) -> {
	};

	/**
	 * One request ended.
	 * @param events the events it carried
	 * @param duration how long it took
	 * @param result how it ended
	 */
	void onSend(int events, Duration duration, Result result);

	/** How a request ended. */
	enum Result {

		/** The destination took the batch. */
		SUCCESS,

		/** It failed and its events will be retried (or expired, out of attempts or age). */
		RETRY,

		/** The destination refused it for good; its events were dropped. */
		REJECTED

	}

}
