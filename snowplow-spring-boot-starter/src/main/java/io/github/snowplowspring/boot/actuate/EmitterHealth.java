package io.github.snowplowspring.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.github.snowplowspring.tracker.emitter.DropReason;
import io.github.snowplowspring.tracker.emitter.EmitterStats;

/**
 * How an emitter is doing, read from its stats: {@code ok}; {@code degraded} when requests fail
 * but its events are still being retried; {@code failing} when it has dropped events lately.
 */
public enum EmitterHealth {

	/** Delivering. */
	OK,

	/** Requests fail, and the events wait for retry. */
	DEGRADED,

	/** Events were dropped lately: the buffer overflowed, the collector refused them, or they expired. */
	FAILING;

	/** How long a drop keeps an emitter failing. */
	public static final Duration FAILING_WINDOW = Duration.ofMinutes(5);

	/**
	 * The health of an emitter.
	 * @param stats its stats
	 * @param now the current time
	 * @return its health
	 */
	public static EmitterHealth of(EmitterStats stats, Instant now) {
		Instant lastDrop = stats.lastDrop();
		boolean onlyShutdownDrops = stats.droppedTotal() == stats.dropped(DropReason.SHUTDOWN);
		if (lastDrop != null && !onlyShutdownDrops && lastDrop.isAfter(now.minus(FAILING_WINDOW))) {
			return FAILING;
		}
		Instant lastFailure = stats.lastFailure();
		boolean lastRequestFailed = lastFailure != null
				&& (stats.lastSuccess() == null || lastFailure.isAfter(stats.lastSuccess()));
		return (stats.retryAttempt() > 0 || lastRequestFailed) ? DEGRADED : OK;
	}

	/** The lower-case name shown in health details. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
