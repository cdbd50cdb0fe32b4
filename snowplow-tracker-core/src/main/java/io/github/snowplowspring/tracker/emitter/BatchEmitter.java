package io.github.snowplowspring.tracker.emitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
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
 * Two ways to send, on the same buffer, batching and ledger:
 * <ul>
 * <li><b>synchronous</b> (the default, the Python {@code Emitter}): when the buffer reaches
 * {@code bufferSize} events or {@code byteLimit} bytes, the caller's thread sends everything
 * buffered; no timer unless {@link #setFlushInterval(Duration)} is called;</li>
 * <li><b>asynchronous</b> ({@link Builder#async()}, the Python {@code AsyncEmitter}):
 * {@link #accept(Payload)} only enqueues; full batches are sent by {@code threadCount} sender
 * threads (or on a given executor), at most {@code threadCount} requests in flight; a timer
 * flushes partial batches every {@code flushInterval} (default 5s) and drives retries, so no new
 * traffic is needed to deliver the last event or to recover from an outage.</li>
 * </ul>
 * Events are encoded once when accepted, so a buffered event costs about its wire size.
 */
public final class BatchEmitter implements Emitter {

	private static final Logger logger = LoggerFactory.getLogger(BatchEmitter.class);

	private static final long DROP_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final Duration STOP_GRACE = Duration.ofSeconds(2);

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

	private final Clock clock;

	private final Duration closeTimeout;

	private final boolean async;

	private final int maxInFlight;

	private final @Nullable ExecutorService ownSenders;

	private final @Nullable Executor senders;

	private final ListenerDispatcher callbacks;

	private final SendObserver sendObserver;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition roomFreed = this.lock.newCondition();

	private final Condition progress = this.lock.newCondition();

	// Everything below is guarded by lock.

	private @Nullable ScheduledExecutorService scheduler;

	private boolean ownsScheduler;

	private @Nullable ScheduledFuture<?> flushTask;

	private @Nullable Duration flushInterval;

	private @Nullable ScheduledFuture<?> retryWakeup;

	private long retryWakeupAt;

	private final ArrayDeque<Held> buffer = new ArrayDeque<>();

	private final ArrayDeque<RetryBatch> retries = new ArrayDeque<>();

	private final List<InFlight> inFlight = new ArrayList<>();

	private final SplittableRandom random = new SplittableRandom();

	private long bufferedBytes;

	// Buffered, in flight and waiting for retry: all count against the capacity, so a batch
	// coming back for retry always has its room and never evicts newer events.
	private long heldEvents;

	private long heldBytes;

	private long lastSeq;

	// Events up to this sequence number are sent even as a partial batch (a flush asked for them).
	private long flushWatermark;

	private long accepted;

	private long sent;

	private long failed;

	private long retried;

	private @Nullable Instant lastSuccess;

	private @Nullable Instant lastFailure;

	private @Nullable String lastError;

	private @Nullable Instant lastDrop;

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
		this.clock = builder.clock;
		this.closeTimeout = builder.closeTimeout;
		this.async = builder.async;
		this.maxInFlight = builder.threadCount;
		if (this.async && builder.executor == null) {
			this.ownSenders = new ThreadPoolExecutor(this.maxInFlight, this.maxInFlight, 0, TimeUnit.MILLISECONDS,
					new LinkedBlockingQueue<>(), new NamedThreadFactory(this.name, "sender"));
			this.senders = this.ownSenders;
		}
		else {
			this.ownSenders = null;
			this.senders = builder.executor;
		}
		this.callbacks = new ListenerDispatcher(this.name, builder.listener, this.async);
		this.sendObserver = builder.sendObserver;
		this.scheduler = builder.scheduler;
		Duration interval = builder.flushInterval();
		if (interval != null && !interval.isZero()) {
			setFlushInterval(interval);
		}
	}

	/** Starts a synchronous emitter that sends through the given transport; see {@link Builder#async()}. */
	public static Builder builder(Transport transport) {
		return new Builder(transport);
	}

	/** The name used in logs, thread names and reports. */
	public String name() {
		return this.name;
	}

	/** The transport batches go through. */
	public Transport transport() {
		return this.transport;
	}

	/** Whether sending happens on sender threads rather than the caller's. */
	public boolean isAsync() {
		return this.async;
	}

	@Override
	public void accept(Payload payload) {
		String eventId = payload.eventId();
		if (eventId == null) {
			throw new IllegalArgumentException("payload has no event id (eid): " + payload);
		}
		byte[] bytes = this.format.encode(payload);
		DropReason dropReason = null;
		List<Held> evicted = List.of();
		boolean sendNow = false;
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
			}
			else {
				this.buffer.addLast(new Held(new EncodedEvent(eventId, bytes), ++this.lastSeq, this.clock.millis()));
				this.bufferedBytes += bytes.length;
				this.heldEvents++;
				this.heldBytes += bytes.length;
				// With every sender busy, a completion pumps the next batch: no need to try per event.
				sendNow = batchReady() && (!this.async || this.inFlight.size() < this.maxInFlight);
				if (sendNow && !this.async) {
					this.flushWatermark = this.lastSeq; // the Python Emitter sends the whole buffer
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (!evicted.isEmpty()) {
			this.callbacks.failure(0, evicted, Failure.dropped(DropReason.BUFFER_FULL), this::decode);
		}
		if (dropReason != null) {
			this.callbacks.failure(0, List.of(payload), Failure.dropped(dropReason), (payloads) -> payloads);
		}
		if (sendNow) {
			send();
		}
	}

	/** Asks for everything buffered to be sent, and a batch waiting out its backoff to be retried now. */
	@Override
	public void flush() {
		markFlush(true);
		send();
	}

	@Override
	public FlushResult flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long target;
		long sentBefore;
		long droppedBefore;
		this.lock.lock();
		try {
			target = this.lastSeq;
			sentBefore = this.sent;
			droppedBefore = droppedTotal();
		}
		finally {
			this.lock.unlock();
		}
		flush();
		this.lock.lock();
		try {
			if (this.async) {
				awaitResolved(target, deadline);
			}
			return new FlushResult(this.sent - sentBefore, droppedTotal() - droppedBefore, this.heldEvents);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void setFlushInterval(Duration interval) {
		Objects.requireNonNull(interval, "interval");
		if (interval.isNegative()) {
			throw new IllegalArgumentException("flush-interval must not be negative, was " + interval);
		}
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			cancelFlushTask();
			if (!interval.isZero()) {
				long millis = Math.max(1, interval.toMillis());
				this.flushTask = scheduler().scheduleAtFixedRate(this::timerFlush, millis, millis,
						TimeUnit.MILLISECONDS);
				this.flushInterval = interval;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void cancelFlushInterval() {
		this.lock.lock();
		try {
			cancelFlushTask();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Whether a flush timer is set. */
	public boolean hasFlushInterval() {
		return flushInterval() != null;
	}

	/** The interval of the flush timer, or null when none is set. */
	public @Nullable Duration flushInterval() {
		this.lock.lock();
		try {
			return this.flushInterval;
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
			RetryBatch retry = this.retries.peekFirst();
			long oldest = oldestPendingAcceptedAt();
			return new EmitterStats(this.accepted, this.sent, drops, this.heldEvents, this.failed, this.retried,
					this.buffer.size(), this.bufferedBytes, this.inFlight.size(), this.bufferCapacity,
					(oldest != Long.MAX_VALUE) ? Instant.ofEpochMilli(oldest) : null,
					(retry != null) ? retry.attempts() + 1 : 0,
					(retry != null) ? Instant.ofEpochMilli(Math.max(retry.notBefore(), 0)) : null, this.lastSuccess,
					this.lastFailure, this.lastError, this.lastDrop);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stops intake (later events are dropped as {@code shutdown}), sends what is held within the
	 * close timeout, retrying failures as the policy allows, then reports whatever is left as
	 * dropped {@code shutdown} and stops every thread this emitter made. A given executor or
	 * scheduler is left running. Calling it again does nothing.
	 */
	@Override
	public void close() {
		long deadline = System.nanoTime() + this.closeTimeout.toNanos();
		long target;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			cancelFlushTask();
			target = this.lastSeq;
			this.roomFreed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		flush();
		List<Held> undelivered = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.async) {
				awaitResolved(target, deadline);
			}
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
			logger.warn("Emitter '{}' closed with {} event(s) undelivered within {}: dropped as shutdown", this.name,
					undelivered.size(), this.closeTimeout);
		}
		this.callbacks.failure(0, undelivered, Failure.dropped(DropReason.SHUTDOWN), this::decode);
		stopThreads();
		this.callbacks.close(STOP_GRACE);
		this.transport.close();
	}

	private void stopThreads() {
		ScheduledExecutorService timer;
		this.lock.lock();
		try {
			timer = this.ownsScheduler ? this.scheduler : null;
		}
		finally {
			this.lock.unlock();
		}
		if (timer != null) {
			timer.shutdownNow();
		}
		if (this.ownSenders != null) {
			// Requests still in flight are interrupted; their events are then dropped as shutdown.
			this.ownSenders.shutdownNow();
			awaitTermination(this.ownSenders);
		}
		else if (this.async) {
			awaitInFlight(System.nanoTime() + STOP_GRACE.toNanos());
		}
		if (timer != null) {
			awaitTermination(timer);
		}
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			executor.awaitTermination(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitInFlight(long deadline) {
		this.lock.lock();
		try {
			while (!this.inFlight.isEmpty()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					logger.warn("Emitter '{}' closed with {} request(s) still in flight on the given executor",
							this.name, this.inFlight.size());
					return;
				}
				this.progress.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void retryDue() {
		this.lock.lock();
		try {
			this.retryWakeup = null;
		}
		finally {
			this.lock.unlock();
		}
		send();
	}

	private void timerFlush() {
		markFlush(false);
		send();
	}

	/** Lets everything accepted so far go out as partial batches; an explicit flush also ends any backoff. */
	private void markFlush(boolean retryNow) {
		this.lock.lock();
		try {
			this.flushWatermark = this.lastSeq;
			if (retryNow && !this.retries.isEmpty()) {
				List<RetryBatch> due = new ArrayList<>(this.retries.size());
				for (RetryBatch retry : this.retries) {
					due.add(new RetryBatch(retry.events(), retry.attempts(), 0));
				}
				this.retries.clear();
				this.retries.addAll(due);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void send() {
		if (this.async) {
			pump();
		}
		else {
			drain();
		}
	}

	/**
	 * Hands every batch that is ready to the senders, up to the in-flight limit. Called after
	 * accept, after each completion, by the timer and by flush; never blocks.
	 */
	private void pump() {
		List<InFlight> ready = new ArrayList<>();
		this.lock.lock();
		try {
			while (this.inFlight.size() < this.maxInFlight) {
				InFlight batch = nextBatch();
				if (batch == null) {
					break;
				}
				this.inFlight.add(batch);
				ready.add(batch);
			}
			armRetryTimer();
		}
		finally {
			this.lock.unlock();
		}
		for (InFlight batch : ready) {
			try {
				this.senders.execute(() -> {
					handle(batch, send(batch), 0);
					pump();
				});
			}
			catch (RejectedExecutionException ex) {
				handle(batch, new Outcome.Error(ex), 0);
			}
		}
	}

	/**
	 * Sends on the calling thread (the synchronous emitter) until nothing is ready, the collector
	 * fails (the rest waits for the backoff), or the close timeout is up.
	 */
	private void drain() {
		long deadline = System.nanoTime() + this.closeTimeout.toNanos();
		List<Held> delivered = new ArrayList<>();
		while (System.nanoTime() - deadline < 0) {
			InFlight batch;
			this.lock.lock();
			try {
				batch = nextBatch();
				if (batch == null) {
					armRetryTimer();
					break;
				}
				this.inFlight.add(batch);
			}
			finally {
				this.lock.unlock();
			}
			Outcome outcome = send(batch);
			if (outcome.isSuccess()) {
				delivered.addAll(batch.events());
			}
			if (handle(batch, outcome, delivered.size()).stopsRound()) {
				break;
			}
		}
		this.callbacks.success(delivered, this::decode);
	}

	private Outcome send(InFlight batch) {
		List<EncodedEvent> events = new ArrayList<>(batch.events().size());
		for (Held held : batch.events()) {
			events.add(held.event());
		}
		long start = System.nanoTime();
		Outcome outcome;
		try {
			outcome = this.transport.send(new Batch(events, batch.attempt()));
		}
		catch (RuntimeException ex) {
			// A transport bug must not lose the batch: treat it as a failed attempt.
			outcome = new Outcome.Error(ex);
		}
		batch.duration = System.nanoTime() - start;
		return outcome;
	}

	/** Books an outcome, tells the listener and the send observer. */
	private Completion handle(InFlight batch, Outcome outcome, int successCount) {
		Completion completion = complete(batch, outcome);
		SendObserver.Result result = outcome.isSuccess() ? SendObserver.Result.SUCCESS
				: completion.dropped().isEmpty() || completion.dropReason() == DropReason.EXPIRED
						? SendObserver.Result.RETRY : SendObserver.Result.REJECTED;
		try {
			this.sendObserver.onSend(batch.events().size(), Duration.ofNanos(batch.duration), result);
		}
		catch (RuntimeException ex) {
			logger.warn("Send observer of emitter '{}' threw", this.name, ex);
		}
		if (outcome.isSuccess()) {
			if (this.async) {
				this.callbacks.success(batch.events(), this::decode);
			}
		}
		else {
			this.callbacks.failure(successCount, completion.retried(), Failure.of(outcome, null), this::decode);
			this.callbacks.failure(successCount, completion.dropped(), Failure.of(outcome, completion.dropReason()),
					this::decode);
		}
		return completion;
	}

	/**
	 * Makes sure a wake-up is due when the first batch waiting for retry is. Called under the
	 * lock after every round, so that a retry never waits for new traffic.
	 */
	private void armRetryTimer() {
		RetryBatch head = this.retries.peekFirst();
		// The synchronous emitter without a timer retries on the next send, as the Python one does.
		if (head == null || this.terminated || (this.scheduler == null && !this.async)) {
			return;
		}
		if (this.retryWakeup != null && !this.retryWakeup.isDone() && this.retryWakeupAt <= head.notBefore()) {
			return;
		}
		if (this.retryWakeup != null) {
			this.retryWakeup.cancel(false);
		}
		long delay = Math.max(0, head.notBefore() - this.clock.millis());
		try {
			this.retryWakeup = scheduler().schedule(this::retryDue, delay, TimeUnit.MILLISECONDS);
			this.retryWakeupAt = head.notBefore();
		}
		catch (RejectedExecutionException ex) {
			// the scheduler is shutting down with the emitter
		}
	}

	/** Takes the next batch to send, or null. Called under the lock. */
	private @Nullable InFlight nextBatch() {
		if (this.terminated) {
			return null;
		}
		RetryBatch retry = this.retries.peekFirst();
		if (retry != null) {
			if (retry.notBefore() > this.clock.millis()) {
				return null; // backing off: new events wait behind the failed batch
			}
			this.retries.pollFirst();
			this.retried += retry.events().size();
			return new InFlight(retry.events(), retry.attempts() + 1);
		}
		Held head = this.buffer.peekFirst();
		if (head == null || !(head.seq() <= this.flushWatermark || batchReady())) {
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
			this.inFlight.remove(batch);
			this.progress.signalAll();
			if (outcome.isSuccess()) {
				this.sent += events.size();
				this.lastSuccess = this.clock.instant();
				release(events);
				return new Completion(List.of(), null, List.of(), false);
			}
			this.failed += events.size();
			this.lastFailure = this.clock.instant();
			this.lastError = describe(outcome);
			if (outcome instanceof Outcome.Response response && response.statusCode() == 413
					&& !this.retryPolicy.customCodes().containsKey(413)) {
				if (events.size() == 1) {
					return drop(events, DropReason.OVERSIZED);
				}
				// Too large for the collector: retry the halves at once, never the same batch again.
				int half = events.size() / 2;
				this.retries.addFirst(new RetryBatch(events.subList(half, events.size()), batch.attempt(), 0));
				this.retries.addFirst(new RetryBatch(events.subList(0, half), batch.attempt(), 0));
				return new Completion(events, null, List.of(), false);
			}
			if (outcome instanceof Outcome.Response response && !this.retryPolicy.isRetryable(response.statusCode())) {
				return drop(events, DropReason.REJECTED);
			}
			if (this.terminated) {
				return drop(events, DropReason.SHUTDOWN);
			}
			long now = this.clock.millis();
			long oldestAllowed = now - this.retryPolicy.maxAge().toMillis();
			boolean attemptsLeft = batch.attempt() < this.retryPolicy.maxAttempts();
			List<Held> alive = new ArrayList<>(events.size());
			List<Held> expired = new ArrayList<>();
			for (Held held : events) {
				((attemptsLeft && held.acceptedAt() > oldestAllowed) ? alive : expired).add(held);
			}
			if (!alive.isEmpty()) {
				Duration retryAfter = (outcome instanceof Outcome.Response response) ? response.retryAfter() : null;
				long delay = this.retryPolicy.backoff(batch.attempt(), retryAfter, this.random).toMillis();
				this.retries.addFirst(new RetryBatch(alive, batch.attempt(), now + delay));
			}
			if (!expired.isEmpty()) {
				release(expired);
				countDrop(DropReason.EXPIRED, expired.size());
			}
			return new Completion(alive, DropReason.EXPIRED, expired, true);
		}
		finally {
			this.lock.unlock();
		}
	}

	private static String describe(Outcome outcome) {
		if (outcome instanceof Outcome.Response response) {
			return "HTTP " + response.statusCode();
		}
		Throwable cause = ((Outcome.Error) outcome).cause();
		return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

	private Completion drop(List<Held> events, DropReason reason) {
		release(events);
		countDrop(reason, events.size());
		return new Completion(List.of(), reason, events, false);
	}

	private List<Payload> decode(List<Held> events) {
		List<Payload> payloads = new ArrayList<>(events.size());
		for (Held held : events) {
			payloads.add(this.format.decode(held.event().bytes()));
		}
		return payloads;
	}

	// The helpers below are called under the lock.

	private ScheduledExecutorService scheduler() {
		if (this.scheduler == null) {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory(this.name, "timer"));
			timer.setRemoveOnCancelPolicy(true);
			this.scheduler = timer;
			this.ownsScheduler = true;
		}
		return this.scheduler;
	}

	private void cancelFlushTask() {
		if (this.flushTask != null) {
			this.flushTask.cancel(false);
			this.flushTask = null;
		}
		this.flushInterval = null;
	}

	/** Waits until every event up to {@code target} is sent or dropped, or the deadline passes. */
	private void awaitResolved(long target, long deadline) {
		try {
			while (oldestPendingSeq() <= target) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				this.progress.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long oldestPendingAcceptedAt() {
		long oldest = Long.MAX_VALUE;
		Held head = this.buffer.peekFirst();
		if (head != null) {
			oldest = head.acceptedAt();
		}
		for (RetryBatch retry : this.retries) {
			oldest = Math.min(oldest, retry.events().get(0).acceptedAt());
		}
		for (InFlight batch : this.inFlight) {
			oldest = Math.min(oldest, batch.events().get(0).acceptedAt());
		}
		return oldest;
	}

	private long oldestPendingSeq() {
		long oldest = Long.MAX_VALUE;
		Held head = this.buffer.peekFirst();
		if (head != null) {
			oldest = head.seq();
		}
		for (RetryBatch retry : this.retries) {
			oldest = Math.min(oldest, retry.events().get(0).seq());
		}
		for (InFlight batch : this.inFlight) {
			oldest = Math.min(oldest, batch.events().get(0).seq());
		}
		return oldest;
	}

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
		this.progress.signalAll();
	}

	private void countDrop(DropReason reason, int count) {
		if (count == 0) {
			return;
		}
		this.dropped[reason.ordinal()] += count;
		this.lastDrop = this.clock.instant();
		this.dropsSinceWarning += count;
		long now = System.nanoTime();
		if (this.lastDropWarning == 0 || now - this.lastDropWarning >= DROP_WARNING_INTERVAL_NANOS) {
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
		return "BatchEmitter[" + this.name + (this.async ? ", async" : ", sync") + " -> " + this.transport + "]";
	}

	/** An accepted event, its place in line, and when it was accepted (for max-age). */
	private record Held(EncodedEvent event, long seq, long acceptedAt) {
	}

	/** A failed batch waiting for its next attempt. */
	private record RetryBatch(List<Held> events, int attempts, long notBefore) {
	}

	/** A batch being sent; compared by identity. */
	private static final class InFlight {

		private final List<Held> events;

		private final int attempt;

		private long duration;

		InFlight(List<Held> events, int attempt) {
			this.events = events;
			this.attempt = attempt;
		}

		List<Held> events() {
			return this.events;
		}

		int attempt() {
			return this.attempt;
		}

	}

	/**
	 * What {@link #complete} decided: events retried, events dropped and why, whether the
	 * collector is failing (so a synchronous round stops).
	 */
	private record Completion(List<Held> retried, @Nullable DropReason dropReason, List<Held> dropped,
			boolean stopsRound) {
	}

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

		private boolean async;

		private int threadCount = 1;

		private @Nullable Executor executor;

		private @Nullable ScheduledExecutorService scheduler;

		private @Nullable Duration flushInterval;

		private SendObserver sendObserver = SendObserver.NONE;

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

		/**
		 * Sends on sender threads instead of the caller's (the Python {@code AsyncEmitter}), with a
		 * flush timer (default 5s).
		 */
		public Builder async() {
			this.async = true;
			return this;
		}

		/**
		 * Sender threads of an asynchronous emitter, and so the most requests in flight; default 1,
		 * as the Python {@code thread_count}.
		 */
		public Builder threadCount(int threadCount) {
			this.threadCount = atLeastOne(threadCount, "thread-count");
			return this;
		}

		/**
		 * Sends an asynchronous emitter's requests on the caller's executor (for example virtual
		 * threads) instead of its own threads; at most {@code threadCount} at once. {@code close()}
		 * never shuts it down.
		 */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * Runs the flush timer and retry wake-ups on the caller's scheduler instead of a timer
		 * thread of the emitter's own. {@code close()} never shuts it down.
		 */
		public Builder scheduler(@Nullable ScheduledExecutorService scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Flushes every {@code flushInterval} (the Python {@code set_flush_timer}); zero turns the
		 * timer off. Default 5s for an asynchronous emitter, none for a synchronous one.
		 */
		public Builder flushInterval(Duration flushInterval) {
			if (flushInterval == null || flushInterval.isNegative()) {
				throw new IllegalArgumentException("flush-interval must not be negative, was " + flushInterval);
			}
			this.flushInterval = flushInterval;
			return this;
		}

		/** Hears every request and how it ended, for metrics. */
		public Builder sendObserver(SendObserver sendObserver) {
			this.sendObserver = Objects.requireNonNull(sendObserver, "sendObserver");
			return this;
		}

		private @Nullable Duration flushInterval() {
			return (this.flushInterval != null) ? this.flushInterval : (this.async ? Duration.ofSeconds(5) : null);
		}

		/** How long {@code close()} (and a synchronous send) may spend sending, default 10s. */
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
