package io.github.snowplowspring.tracker.emitter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A consistent snapshot of an emitter's ledger: {@code accepted = sent + dropped + pending}
 * holds in every snapshot.
 *
 * @param accepted events handed to the emitter
 * @param sent events delivered
 * @param dropped events given up, by reason
 * @param pending events buffered, in flight or waiting for retry
 * @param failed events in failed attempts (they may still be sent later; not a ledger state)
 * @param bufferedEvents events waiting in the buffer
 * @param bufferedBytes their encoded size
 * @param inFlightRequests requests being sent now
 */
public record EmitterStats(long accepted, long sent, Map<DropReason, Long> dropped, long pending, long failed,
		long bufferedEvents, long bufferedBytes, int inFlightRequests) {

	/** The stats of an emitter that keeps none. */
	public static final EmitterStats EMPTY = new EmitterStats(0, 0, Map.of(), 0, 0, 0, 0, 0);

	public EmitterStats {
		EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
		copy.putAll(dropped);
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
