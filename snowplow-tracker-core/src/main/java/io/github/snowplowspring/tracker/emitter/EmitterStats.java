package io.github.snowplowspring.tracker.emitter;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A consistent snapshot of an emitter's ledger and health: {@code accepted = sent + dropped +
 * pending} holds in every snapshot.
 *
 * @param accepted events handed to the emitter
 * @param sent events delivered
 * @param dropped events given up, by reason
 * @param pending events buffered, in flight or waiting for retry
 * @param failed events in failed attempts (they may still be sent later; not a ledger state)
 * @param retried events sent again after a failed attempt
 * @param bufferedEvents events waiting in the buffer
 * @param bufferedBytes their encoded size
 * @param inFlightRequests requests being sent now
 * @param capacity the most events the emitter holds, or 0 when unbounded or unknown
 * @param oldestEventTime when the oldest pending event was accepted, or null when none is pending
 * @param retryAttempt the next attempt of the batch waiting for retry, or 0 when none waits
 * @param nextRetryAt when that attempt is due, or null
 * @param lastSuccess when a request last succeeded, or null
 * @param lastFailure when a request last failed, or null
 * @param lastError what went wrong then, or null
 * @param lastDrop when events were last dropped, or null
 */
public record EmitterStats(long accepted, long sent, Map<DropReason, Long> dropped, long pending, long failed,
		long retried, long bufferedEvents, long bufferedBytes, int inFlightRequests, long capacity,
		@Nullable Instant oldestEventTime, int retryAttempt, @Nullable Instant nextRetryAt,
		@Nullable Instant lastSuccess, @Nullable Instant lastFailure, @Nullable String lastError,
		@Nullable Instant lastDrop) {

	/** The stats of an emitter that keeps none. */
	public static final EmitterStats EMPTY = new EmitterStats(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, null, 0, null, null,
			null, null, null);

	public EmitterStats {
		EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
		for (DropReason reason : DropReason.values()) {
			copy.put(reason, dropped.getOrDefault(reason, 0L));
		}
		dropped = Collections.unmodifiableMap(copy);
	}

	/** Events dropped for any reason. */
	public long droppedTotal() {
		long total = 0;
		for (long count : this.dropped.values()) {
			total += count;
		}
		return total;
	}

	/** Events dropped for one reason. */
	public long dropped(DropReason reason) {
		return this.dropped.getOrDefault(reason, 0L);
	}

}
