package io.github.snowplowspring.tracker.emitter;

import java.util.Locale;

/** Why an event was given up. Every drop has one, is counted, and is reported to listeners. */
public enum DropReason {

	/** The buffer was full (events or bytes) and the overflow policy dropped this event. */
	BUFFER_FULL,

	/** The event is larger than the emitter accepts, or the collector answered 413 for it alone. */
	OVERSIZED,

	/** The collector refused the event for good (400, 401, 403, 410, 422 by default). */
	REJECTED,

	/** Retries ran out (attempts or age) before the event could be delivered. */
	EXPIRED,

	/** The emitter was closed before the event could be delivered. */
	SHUTDOWN,

	/** The event turned out unreadable after it was accepted. */
	INVALID;

	/** The name used in metrics and reports: {@code buffer_full}, {@code oversized}, .... */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
