package io.github.snowplowspring.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;

/** Takes every batch at once and counts its events: the caller path with no I/O behind it. */
public final class NoopTransport implements Transport {

	private static final Outcome OK = Outcome.ok();

	private final LongAdder events = new LongAdder();

	@Override
	public WireFormat wireFormat() {
		return WireFormat.JSON;
	}

	@Override
	public Outcome send(Batch batch) {
		this.events.add(batch.size());
		return OK;
	}

	/** Events taken so far. */
	public long events() {
		return this.events.sum();
	}

}
