package io.github.snowplowspring.tracker.emitter;

/**
 * What a flush achieved.
 *
 * @param sent events delivered while the flush ran
 * @param dropped events given up while the flush ran
 * @param pending events still pending when it returned (buffered, in flight or waiting for retry)
 */
public record FlushResult(long sent, long dropped, long pending) {

	/** Nothing sent, dropped or pending. */
	public static final FlushResult EMPTY = new FlushResult(0, 0, 0);

	/** Whether nothing was left pending. */
	public boolean isComplete() {
		return this.pending == 0;
	}

	/** The sum of two results, for a flush over several emitters. */
	public FlushResult plus(FlushResult other) {
		return new FlushResult(this.sent + other.sent, this.dropped + other.dropped, this.pending + other.pending);
	}

}
