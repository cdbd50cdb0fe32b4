package io.github.snowplowspring.tracker.emitter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.snowplowspring.tracker.payload.Payload;
import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.EncodedEvent;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery engine behind every built-in emitter: a buffer bounded in events and bytes, cut
 * into batches by {@code bufferSize} and {@code byteLimit}, sent through a {@link Transport},
 * with retries and an exact ledger ({@code accepted = sent + dropped + pending}).
 * <p>
 * This is the synchronous emitter (the Python {@code Emitter}): when the buffer reaches
 * {@code bufferSize} events or {@code byteLimit} bytes, the caller's thread sends. Events are
 * encoded once when accepted, so a buffered event costs about its wire size.
 */
public final class BatchEmitter implements Emitter {

	private static final Logger logger = LoggerFactory.getLogger(BatchEmitter.class);

	private static final long DROP_WARNING_INTERVAL_MILLIS = 10_000;

	private final String name;

	private final Transport transport;

	private final WireFormat format;

	private final int bufferSize;

	private final int eventsPerRequest;

	private final long byteLimit;

	private final int bufferCapacity;

	private final long bufferMaxBytes;

	private final long maxEventBytes;

	private final OverflowPolicy overflow;

	private final Duration maxBlock;

	private final RetryPolicy retryPolicy;

	private final EmitterListener listener;

	private final Clock clock;

	private final Duration closeTimeout;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition roomFreed = this.lock.newCondition();

	// Everything below is guarded by lock.

	private final ArrayDeque<Held> buffer = new ArrayDeque<>();

	private final ArrayDeque<RetryBatch> retries = new ArrayDeque<>();

	private final SplittableRandom random = new SplittableRandom();

	private long bufferedBytes;

	// Buffered, in flight and waiting for retry: all count against the capacity, so a batch
	// coming back for retry always has its room and never evicts newer events.
	private long heldEvents;

	private long heldBytes;

	private int inFlightRequests;

	private long accepted;

	private long sent;

	private long failed;

	private final long[] dropped = new long[DropReason.values().length];

	private boolean closed;

	private boolean terminated;

	private long lastDropWarning;

	private long dropsSinceWarning;

	private BatchEmitter(Builder builder) {
		this.name = builder.name;
		this.transport = builder.transport;
		this.format = this.transport.wireFormat();
		this.bufferSize = builder.bufferSize();
		this.eventsPerRequest = Math.min(this.bufferSize, this.format.maxEventsPerRequest());
		this.byteLimit = builder.byteLimit;
		this.bufferCapacity = builder.bufferCapacity;
		this.bufferMaxBytes = builder.bufferMaxBytes;
		this.maxEventBytes = builder.maxEventBytes;
		this.overflow = builder.overflow;
		this.maxBlock = builder.maxBlock;
		this.retryPolicy = builder.retryPolicy;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.closeTimeout = builder.closeTimeout;
	}

	/** Starts an emitter that sends through the given transport. */
	public static Builder builder(Transport transport) {
		return new Builder(transport);
	}

	/** The name used in logs and reports. */
	public String name() {
		return this.name;
	}

	/** The transport batches go through. */
	public Transport transport() {
		return this.transport;
	}

	@Override
	public void accept(Payload payload) {
		String eventId = payload.eventId();
		if (eventId == null) {
			throw new IllegalArgumentException("payload has no event id (eid): " + payload);
		}
		byte[] bytes = this.format.encode(payload);
		Held held = new Held(new EncodedEvent(eventId, bytes), this.clock.millis());
		DropReason dropReason = null;
		List<Held> evicted = List.of();
		boolean sendNow;
		this.lock.lock();
		try {
			this.accepted++;
			if (this.closed) {
				dropReason = DropReason.SHUTDOWN;
			}
			else if (bytes.length > this.maxEventBytes) {
				dropReason = DropReason.OVERSIZED;
			}
			else if (!hasRoomFor(bytes.length)) {
				switch (this.overflow) {
					case DROP_NEWEST -> dropReason = DropReason.BUFFER_FULL;
					case DROP_OLDEST -> {
						evicted = evictOldestFor(bytes.length);
						if (!hasRoomFor(bytes.length)) {
							dropReason = DropReason.BUFFER_FULL;
						}
					}
					case BLOCK -> {
						if (!awaitRoom(bytes.length)) {
							dropReason = (this.closed) ? DropReason.SHUTDOWN : DropReason.BUFFER_FULL;
						}
					}
				}
			}
			if (dropReason != null) {
				countDrop(dropReason, 1);
				sendNow = false;
			}
			else {
				this.buffer.addLast(held);
				this.bufferedBytes += bytes.length;
				this.heldEvents++;
				this.heldBytes += bytes.length;
				sendNow = batchReady();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (!evicted.isEmpty()) {
			reportDropped(decode(evicted), DropReason.BUFFER_FULL);
		}
		if (dropReason != null) {
			reportDropped(List.of(payload), dropReason);
		}
		if (sendNow) {
			drain(false, this.closeTimeout);
		}
	}

	@Override
	public void flush() {
		drain(true, this.closeTimeout);
	}

	@Override
	public FlushResult flush(Duration timeout) {
		long sentBefore;
		long droppedBefore;
		this.lock.lock();
		try {
			sentBefore = this.sent;
			droppedBefore = droppedTotal();
		}
		finally {
			this.lock.unlock();
		}
		drain(true, timeout);
		this.lock.lock();
		try {
			return new FlushResult(this.sent - sentBefore, droppedTotal() - droppedBefore, this.heldEvents);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public EmitterStats stats() {
		this.lock.lock();
		try {
			Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
			for (DropReason reason : DropReason.values()) {
				drops.put(reason, this.dropped[reason.ordinal()]);
			}
			return new EmitterStats(this.accepted, this.sent, drops, this.heldEvents, this.failed,
					this.buffer.size(), this.bufferedBytes, this.inFlightRequests);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.roomFreed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		drain(true, this.closeTimeout);
		List<Held> undelivered = new ArrayList<>();
		this.lock.lock();
		try {
			this.terminated = true;
			for (RetryBatch retry : this.retries) {
				undelivered.addAll(retry.events());
			}
			this.retries.clear();
			undelivered.addAll(this.buffer);
			this.buffer.clear();
			this.bufferedBytes = 0;
			release(undelivered);
			countDrop(DropReason.SHUTDOWN, undelivered.size());
		}
		finally {
			this.lock.unlock();
		}
		if (!undelivered.isEmpty()) {
			reportDropped(decode(undelivered), DropReason.SHUTDOWN);
		}
		this.transport.close();
	}

	/**
	 * Sends everything buffered on the calling thread, in batches, until the buffer is empty, a
	 * retryable failure stops the round, or the time is up. {@code force} also retries a
	 * backing-off batch at once (an explicit flush); a full buffer waits out the backoff.
	 */
	private void drain(boolean force, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Payload> delivered = new ArrayList<>();
		int deliveredCount = 0;
		while (System.nanoTime() - deadline < 0) {
			InFlight batch;
			this.lock.lock();
			try {
				batch = nextBatch(force);
				if (batch == null) {
					break;
				}
				this.inFlightRequests++;
			}
			finally {
				this.lock.unlock();
			}
			Outcome outcome = send(batch);
			Completion completion = complete(batch, outcome);
			if (outcome.isSuccess()) {
				deliveredCount += batch.events().size();
				if (this.listener != EmitterListener.NONE) {
					delivered.addAll(decode(batch.events()));
				}
			}
			else {
				report(completion, deliveredCount);
				if (completion.stopsRound()) {
					break; // the collector is failing: leave the rest for the next attempt
				}
			}
		}
		if (!delivered.isEmpty()) {
			notifyListener(() -> this.listener.onSuccess(delivered));
		}
	}

	private Outcome send(InFlight batch) {
		List<EncodedEvent> events = new ArrayList<>(batch.events().size());
		for (Held held : batch.events()) {
			events.add(held.event());
		}
		try {
			return this.transport.send(new Batch(events, batch.attempt()));
		}
		catch (RuntimeException ex) {
			// A transport bug must not lose the batch: treat it as a failed attempt.
			return new Outcome.Error(ex);
		}
	}

	/** Takes the next batch to send, or null. Called under the lock. */
	private @Nullable InFlight nextBatch(boolean force) {
		RetryBatch retry = this.retries.peekFirst();
		if (retry != null) {
			if (!force && retry.notBefore() > this.clock.millis()) {
				return null; // backing off: new events wait behind the failed batch
			}
			this.retries.pollFirst();
			return new InFlight(retry.events(), retry.attempts() + 1);
		}
		if (this.buffer.isEmpty()) {
			return null;
		}
		List<Held> events = new ArrayList<>(Math.min(this.buffer.size(), this.eventsPerRequest));
		long bytes = 0;
		while (!this.buffer.isEmpty() && events.size() < this.eventsPerRequest) {
			Held next = this.buffer.peekFirst();
			long size = next.event().size();
			if (!events.isEmpty() && this.format.requestBytes(events.size() + 1, bytes + size) > this.byteLimit) {
				break;
			}
			this.buffer.pollFirst();
			this.bufferedBytes -= size;
			events.add(next);
			bytes += size;
		}
		return new InFlight(events, 1);
	}

	/** Books the outcome of one request in the ledger and decides what comes next. */
	private Completion complete(InFlight batch, Outcome outcome) {
		List<Held> events = batch.events();
		this.lock.lock();
		try {
			this.inFlightRequests--;
			if (outcome.isSuccess()) {
				this.sent += events.size();
				release(events);
				return new Completion(List.of(), outcome, null, List.of(), false);
			}
			this.failed += events.size();
			if (outcome instanceof Outcome.Response response && response.statusCode() == 413
					&& !this.retryPolicy.customCodes().containsKey(413)) {
				if (events.size() == 1) {
					return drop(events, outcome, DropReason.OVERSIZED);
				}
				// Too large for the collector: retry the halves at once, never the same batch again.
				int half = events.size() / 2;
				long now = this.clock.millis();
				this.retries.addFirst(new RetryBatch(events.subList(half, events.size()), batch.attempt(), now));
				this.retries.addFirst(new RetryBatch(events.subList(0, half), batch.attempt(), now));
				return new Completion(events, outcome, null, List.of(), false);
			}
			if (outcome instanceof Outcome.Response response && !this.retryPolicy.isRetryable(response.statusCode())) {
				return drop(events, outcome, DropReason.REJECTED);
			}
			if (this.terminated) {
				return drop(events, outcome, DropReason.SHUTDOWN);
			}
			long now = this.clock.millis();
			long oldestAllowed = now - this.retryPolicy.maxAge().toMillis();
			List<Held> alive = new ArrayList<>(events.size());
			List<Held> expired = new ArrayList<>();
			for (Held held : events) {
				boolean tooOld = held.acceptedAt() <= oldestAllowed;
				((batch.attempt() >= this.retryPolicy.maxAttempts() || tooOld) ? expired : alive).add(held);
			}
			if (!alive.isEmpty()) {
				Duration retryAfter = (outcome instanceof Outcome.Response response) ? response.retryAfter() : null;
				Duration backoff = this.retryPolicy.backoff(batch.attempt(), retryAfter, this.random);
				this.retries.addFirst(new RetryBatch(alive, batch.attempt(), now + backoff.toMillis()));
			}
			if (!expired.isEmpty()) {
				release(expired);
				countDrop(DropReason.EXPIRED, expired.size());
			}
			return new Completion(alive, outcome, expired.isEmpty() ? null : DropReason.EXPIRED, expired, true);
		}
		finally {
			this.lock.unlock();
		}
	}

	private Completion drop(List<Held> events, Outcome outcome, DropReason reason) {
		release(events);
		countDrop(reason, events.size());
		return new Completion(List.of(), outcome, reason, events, false);
	}

	private void report(Completion completion, int successCount) {
		if (this.listener == EmitterListener.NONE) {
			return;
		}
		if (!completion.retried().isEmpty()) {
			List<Payload> payloads = decode(completion.retried());
			Failure failure = Failure.of(completion.outcome(), null);
			notifyListener(() -> this.listener.onFailure(successCount, payloads, failure));
		}
		if (!completion.dropped().isEmpty()) {
			List<Payload> payloads = decode(completion.dropped());
			Failure failure = Failure.of(completion.outcome(), completion.dropReason());
			notifyListener(() -> this.listener.onFailure(successCount, payloads, failure));
		}
	}

	private void reportDropped(List<Payload> payloads, DropReason reason) {
		if (this.listener != EmitterListener.NONE) {
			notifyListener(() -> this.listener.onFailure(0, payloads, Failure.dropped(reason)));
		}
	}

	private void notifyListener(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Listener of emitter '{}' threw; delivery goes on", this.name, ex);
		}
	}

	private List<Payload> decode(List<Held> events) {
		List<Payload> payloads = new ArrayList<>(events.size());
		for (Held held : events) {
			payloads.add(this.format.decode(held.event().bytes()));
		}
		return payloads;
	}

	// The helpers below are called under the lock.

	private boolean batchReady() {
		return this.buffer.size() >= this.bufferSize
				|| this.format.requestBytes(this.buffer.size(), this.bufferedBytes) >= this.byteLimit;
	}

	private boolean hasRoomFor(long bytes) {
		return this.heldEvents < this.bufferCapacity && this.heldBytes + bytes <= this.bufferMaxBytes;
	}

	private List<Held> evictOldestFor(long bytes) {
		List<Held> evicted = new ArrayList<>(1);
		while (!hasRoomFor(bytes) && !this.buffer.isEmpty()) {
			Held oldest = this.buffer.pollFirst();
			this.bufferedBytes -= oldest.event().size();
			release(List.of(oldest));
			evicted.add(oldest);
		}
		countDrop(DropReason.BUFFER_FULL, evicted.size());
		return evicted;
	}

	private boolean awaitRoom(long bytes) {
		long remaining = this.maxBlock.toNanos();
		try {
			while (!hasRoomFor(bytes) && !this.closed) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.roomFreed.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return !this.closed;
	}

	private void release(List<Held> events) {
		for (Held held : events) {
			this.heldBytes -= held.event().size();
		}
		this.heldEvents -= events.size();
		this.roomFreed.signalAll();
	}

	private void countDrop(DropReason reason, int count) {
		if (count == 0) {
			return;
		}
		this.dropped[reason.ordinal()] += count;
		this.dropsSinceWarning += count;
		long now = System.nanoTime();
		long sinceLast = TimeUnit.NANOSECONDS.toMillis(now - this.lastDropWarning);
		if (this.lastDropWarning == 0 || sinceLast >= DROP_WARNING_INTERVAL_MILLIS) {
			logger.warn("Emitter '{}' dropped {} event(s) since the last warning (latest reason: {}); totals: {}",
					this.name, this.dropsSinceWarning, reason.id(), droppedSummary());
			this.lastDropWarning = now;
			this.dropsSinceWarning = 0;
		}
	}

	private String droppedSummary() {
		StringBuilder summary = new StringBuilder();
		for (DropReason reason : DropReason.values()) {
			if (this.dropped[reason.ordinal()] > 0) {
				summary.append((summary.length() > 0) ? ", " : "")
					.append(reason.id())
					.append('=')
					.append(this.dropped[reason.ordinal()]);
			}
		}
		return summary.toString();
	}

	private long droppedTotal() {
		long total = 0;
		for (long count : this.dropped) {
			total += count;
		}
		return total;
	}

	@Override
	public String toString() {
		return "BatchEmitter[" + this.name + " -> " + this.transport + "]";
	}

	/** An accepted event and when it was accepted, for max-age. */
	private record Held(EncodedEvent event, long acceptedAt) {
	}

	/** A failed batch waiting for its next attempt. */
	private record RetryBatch(List<Held> events, int attempts, long notBefore) {
	}

	/** A batch being sent. */
	private record InFlight(List<Held> events, int attempt) {
	}

	/**
	 * What {@link #complete} decided: events retried, events dropped and why, and whether the
	 * collector is failing, so that the round should stop and wait for the backoff.
	 */
	private record Completion(List<Held> retried, Outcome outcome, @Nullable DropReason dropReason,
			List<Held> dropped, boolean stopsRound) {
	}

	/** Builds a {@link BatchEmitter}. */
	public static final class Builder {

		private final Transport transport;

		private String name = "emitter";

		private @Nullable Integer bufferSize;

		private long byteLimit = Long.MAX_VALUE;

		private int bufferCapacity = 10_000;

		private long bufferMaxBytes = 16L * 1024 * 1024;

		private long maxEventBytes = 1024 * 1024;

		private OverflowPolicy overflow = OverflowPolicy.DROP_NEWEST;

		private Duration maxBlock = Duration.ZERO;

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

		private EmitterListener listener = EmitterListener.NONE;

		private Clock clock = Clock.systemUTC();

		private Duration closeTimeout = Duration.ofSeconds(10);

		Builder(Transport transport) {
			this.transport = Objects.requireNonNull(transport, "transport");
		}

		/** Names the emitter in logs and reports. */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name");
			return this;
		}

		/**
		 * How many buffered events trigger a send, and the most events per POST; default 1 for GET
		 * and 10 for POST, as in the Python tracker. GET always sends one event per request.
		 */
		public Builder bufferSize(int bufferSize) {
			this.bufferSize = atLeastOne(bufferSize, "buffer-size");
			return this;
		}

		/**
		 * The most bytes one request may carry, counted as sent (envelope and {@code stm}
		 * included); a buffer that reaches it is sent. An event larger than this goes alone.
		 */
		public Builder byteLimit(long byteLimit) {
			this.byteLimit = atLeastOne(byteLimit, "byte-limit");
			return this;
		}

		/** The most events held (buffered, in flight, waiting for retry), default 10000. */
		public Builder bufferCapacity(int bufferCapacity) {
			this.bufferCapacity = (int) atLeastOne(bufferCapacity, "buffer-capacity");
			return this;
		}

		/** The most encoded bytes held, default 16MB. */
		public Builder bufferMaxBytes(long bufferMaxBytes) {
			this.bufferMaxBytes = atLeastOne(bufferMaxBytes, "buffer-max-bytes");
			return this;
		}

		/** Events larger than this are dropped as {@code oversized}, default 1MB. */
		public Builder maxEventBytes(long maxEventBytes) {
			this.maxEventBytes = atLeastOne(maxEventBytes, "max-event-bytes");
			return this;
		}

		/** What to do when the buffer is full, default drop-newest. */
		public Builder overflow(OverflowPolicy overflow) {
			this.overflow = Objects.requireNonNull(overflow, "overflow");
			return this;
		}

		/** How long the {@code block} policy waits for room, default 0. */
		public Builder maxBlock(Duration maxBlock) {
			if (maxBlock == null || maxBlock.isNegative()) {
				throw new IllegalArgumentException("max-block must not be negative, was " + maxBlock);
			}
			this.maxBlock = maxBlock;
			return this;
		}

		/** When failed batches are sent again. */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
			return this;
		}

		/** Hears successes and failures (the Python {@code on_success} and {@code on_failure}). */
		public Builder listener(EmitterListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/** The clock for backoff and event age, for tests. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** How long {@code close()} and a plain {@code flush()} may spend sending, default 10s. */
		public Builder closeTimeout(Duration closeTimeout) {
			if (closeTimeout == null || closeTimeout.isNegative()) {
				throw new IllegalArgumentException("close-timeout must not be negative, was " + closeTimeout);
			}
			this.closeTimeout = closeTimeout;
			return this;
		}

		private int bufferSize() {
			if (this.bufferSize != null) {
				return this.bufferSize;
			}
			return (this.transport.wireFormat().maxEventsPerRequest() == 1) ? 1 : 10;
		}

		public BatchEmitter build() {
			return new BatchEmitter(this);
		}

		private static long atLeastOne(long value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, was " + value);
			}
			return value;
		}

		private static int atLeastOne(int value, String name) {
			return (int) atLeastOne((long) value, name);
		}

	}

}
