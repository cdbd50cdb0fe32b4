package io.github.snowplowspring.tracker.transport;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** What became of one request. */
public sealed interface Outcome {

	/** Whether the destination took the batch (a 2xx answer). */
	boolean isSuccess();

	/** Success from a destination that has no status codes (Redis, say), recorded as 200. */
	static Outcome ok() {
		return new Response(200, null);
	}

	/** An answer with a status code, for example 200, 503 or 302 (redirects are not followed). */
	static Outcome status(int statusCode) {
		return new Response(statusCode, null);
	}

	/**
	 * The destination answered.
	 *
	 * @param statusCode the HTTP status code
	 * @param retryAfter how long the destination asked us to wait ({@code Retry-After}), or null
	 */
	record Response(int statusCode, @Nullable Duration retryAfter) implements Outcome {

		@Override
		public boolean isSuccess() {
			return this.statusCode >= 200 && this.statusCode < 300;
		}

	}

	/**
	 * No answer: connection refused or reset, a timeout, an unknown host, a Redis error.
	 *
	 * @param cause what went wrong
	 */
	record Error(Throwable cause) implements Outcome {

		public Error {
			Objects.requireNonNull(cause, "cause");
		}

		@Override
		public boolean isSuccess() {
			return false;
		}

	}

}
