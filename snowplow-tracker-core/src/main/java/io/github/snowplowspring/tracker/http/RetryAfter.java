package io.github.snowplowspring.tracker.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP date. Shared by HTTP transports. */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The delay a {@code Retry-After} header asks for.
	 * @param value the header, or null
	 * @param clock the clock to measure an HTTP date against
	 * @return the delay, zero for a date in the past, or null when absent or unreadable
	 */
	public static @Nullable Duration parse(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// not delay-seconds: try an HTTP date
		}
		try {
			ZonedDateTime date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(clock.instant(), date.toInstant());
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
