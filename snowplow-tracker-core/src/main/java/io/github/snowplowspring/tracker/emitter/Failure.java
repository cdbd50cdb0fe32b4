package io.github.snowplowspring.tracker.emitter;

import io.github.snowplowspring.tracker.transport.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * Why events were not delivered.
 *
 * @param statusCode the collector's HTTP status, or -1 when there was no answer
 * @param cause the error when there was no answer, else null
 * @param dropReason why the events were given up, or null when they will be retried
 */
public record Failure(int statusCode, @Nullable Throwable cause, @Nullable DropReason dropReason) {

	/** Whether the events stay pending and will be sent again. */
	public boolean willRetry() {
		return this.dropReason == null;
	}

	/** A failure for events given up before any request was made. */
	public static Failure dropped(DropReason reason) {
		return new Failure(-1, null, reason);
	}

	static Failure of(Outcome outcome, @Nullable DropReason dropReason) {
		if (outcome instanceof Outcome.Response response) {
			return new Failure(response.statusCode(), null, dropReason);
		}
		return new Failure(-1, ((Outcome.Error) outcome).cause(), dropReason);
	}

	/** A short description for logs: the status or error, and what happens next. */
	public String describe() {
		String what = (this.cause != null) ? this.cause.getClass().getSimpleName()
				+ ((this.cause.getMessage() != null) ? ": " + this.cause.getMessage() : "")
				: (this.statusCode >= 0) ? "HTTP " + this.statusCode : "not sent";
		return what + ((this.dropReason != null) ? " (dropped: " + this.dropReason.id() + ")" : " (will retry)");
	}

}
