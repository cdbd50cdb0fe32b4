package io.github.snowplowspring.boot.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;
import io.github.snowplowspring.tracker.emitter.DropReason;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import org.jspecify.annotations.Nullable;

/** What this application's workers on one list or stream did, and the backlog last polled. */
final class WorkerCounters {

	final AtomicLong claimed = new AtomicLong();

	final AtomicLong sent = new AtomicLong();

	final AtomicLong deadLettered = new AtomicLong();

	final AtomicLong recovered = new AtomicLong();

	private final AtomicLong[] dropped = new AtomicLong[DropReason.values().length];

	private volatile Backlog backlog = new Backlog(0, 0, 0, 0, null, null);

	WorkerCounters() {
		for (int i = 0; i < this.dropped.length; i++) {
			this.dropped[i] = new AtomicLong();
		}
	}

	void drop(DropReason reason, long count) {
		if (count > 0) {
			this.dropped[reason.ordinal()].addAndGet(count);
		}
	}

	/** Adds what an emitter sent and dropped between two of its snapshots. */
	void add(EmitterStats before, EmitterStats after) {
		this.sent.addAndGet(after.sent() - before.sent());
		for (DropReason reason : DropReason.values()) {
			drop(reason, after.dropped(reason) - before.dropped(reason));
		}
	}

	Backlog backlog() {
		return this.backlog;
	}

	void backlog(Backlog backlog) {
		this.backlog = backlog;
	}

	WorkerStatus status(String type, String source, @Nullable String sendTo, int threads) {
		Backlog polled = this.backlog;
		Map<String, Long> drops = new LinkedHashMap<>();
		for (DropReason reason : DropReason.values()) {
			drops.put(reason.id(), this.dropped[reason.ordinal()].get());
		}
		return new WorkerStatus(type, source, sendTo, threads, polled.length(), polled.processing(), polled.dead(),
				polled.liveWorkers(), polled.lag(), this.claimed.get(), this.sent.get(), drops, this.deadLettered.get(),
				this.recovered.get(), polled.polledAt());
	}

	/** A list or stream as last polled. */
	record Backlog(long length, long processing, long dead, int liveWorkers, @Nullable Duration lag,
			@Nullable Instant polledAt) {
	}

}
