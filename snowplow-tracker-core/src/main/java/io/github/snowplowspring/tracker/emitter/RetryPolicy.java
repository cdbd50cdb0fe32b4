package io.github.snowplowspring.tracker.emitter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * When a failed batch is sent again: capped exponential backoff with full jitter, within a
 * number of attempts and an age. Every status but 2xx fails; 400, 401, 403, 410 and 422 are
 * not retried (the Snowplow rule) unless {@code customCodes} says otherwise, and neither is
 * 413, which splits the batch instead.
 *
 * @param initialBackoff the upper bound of the first delay
 * @param maxBackoff the cap on any delay, including a collector's {@code Retry-After}
 * @param maxAttempts attempts per event before it expires
 * @param maxAge how long after it was accepted an event may still be retried
 * @param customCodes status codes whose retry decision is overridden (the Python {@code custom_retry_codes})
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration maxAge,
		Map<Integer, Boolean> customCodes) {

	/** The statuses that are not retried by default. */
	public static final Set<Integer> NOT_RETRIED = Set.of(400, 401, 403, 410, 422);

	/** 200ms initial backoff, 60s cap, unlimited attempts within one hour. */
	public static final RetryPolicy DEFAULT = builder().build();

	public RetryPolicy {
		positive(initialBackoff, "retry.initial-backoff");
		positive(maxBackoff, "retry.max-backoff");
		positive(maxAge, "retry.max-age");
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("retry.max-backoff (" + maxBackoff
					+ ") must not be less than retry.initial-backoff (" + initialBackoff + ")");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("retry.max-attempts must be at least 1, was " + maxAttempts);
		}
		customCodes = Map.copyOf(customCodes);
	}

	/** Starts from the defaults. */
	public static Builder builder() {
		return new Builder();
	}

	/** Whether a failed answer with this status should be retried. */
	public boolean isRetryable(int statusCode) {
		Boolean custom = this.customCodes.get(statusCode);
		if (custom != null) {
			return custom;
		}
		return statusCode != 413 && !NOT_RETRIED.contains(statusCode);
	}

	/**
	 * How long to wait before attempt {@code attempt + 1}: a uniform random delay up to
	 * {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}, or the collector's
	 * {@code Retry-After} (capped) when it asked for longer.
	 */
	public Duration backoff(int attempt, @Nullable Duration retryAfter, RandomGenerator random) {
		long initial = this.initialBackoff.toMillis();
		long cap = this.maxBackoff.toMillis();
		int doublings = Math.min(Math.max(attempt - 1, 0), 40);
		long ceiling = (initial > (cap >> doublings)) ? cap : Math.min(cap, initial << doublings);
		long delay = random.nextLong(ceiling + 1);
		if (retryAfter != null) {
			delay = Math.max(delay, Math.min(retryAfter.toMillis(), cap));
		}
		return Duration.ofMillis(delay);
	}

	private static void positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/** Builds a {@link RetryPolicy}. */
	public static final class Builder {

		private Duration initialBackoff = Duration.ofMillis(200);

		private Duration maxBackoff = Duration.ofSeconds(60);

		private int maxAttempts = Integer.MAX_VALUE;

		private Duration maxAge = Duration.ofHours(1);

		private final Map<Integer, Boolean> customCodes = new HashMap<>();

		Builder() {
		}

		/** Sets the upper bound of the first delay, default 200ms. */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
			return this;
		}

		/** Sets the cap on any delay, default 60s. */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
			return this;
		}

		/** Sets the attempts per event before it expires, default unlimited (within max-age). */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/** Sets how long after acceptance an event may still be retried, default 1h. */
		public Builder maxAge(Duration maxAge) {
			this.maxAge = maxAge;
			return this;
		}

		/** Overrides whether a status is retried. */
		public Builder customCode(int statusCode, boolean retry) {
			this.customCodes.put(statusCode, retry);
			return this;
		}

		public RetryPolicy build() {
			return new RetryPolicy(this.initialBackoff, this.maxBackoff, this.maxAttempts, this.maxAge,
					this.customCodes);
		}

	}

}
