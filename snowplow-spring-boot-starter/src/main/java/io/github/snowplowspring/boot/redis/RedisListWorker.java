package io.github.snowplowspring.boot.redis;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import io.github.snowplowspring.tracker.payload.Payload;
import io.github.snowplowspring.tracker.payload.PayloadJson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisListCommands;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

/**
 * Drains a Redis list to a collector so that no event is ever outside Redis until the collector
 * took it: a worker thread moves a batch into its own processing list ({@code BLMOVE}, then a
 * script for the rest of the batch), sends it with the {@code send-to} emitter's transport and
 * retry policy, and only then deletes the processing list. Each worker writes a heartbeat into
 * {@code <key>:workers}; a worker silent for longer than the claim timeout is dead, and the first
 * live worker to see it moves the dead one's processing list back to the head of the list.
 * Elements that cannot be events go to {@code <key>:dead} with the reason.
 * <p>
 * With no threads, it only watches the list: the backlog shows in the actuator, and a warning is
 * logged when the list keeps growing with no worker draining it.
 */
public final class RedisListWorker implements RedisWorkerGroup {

	private static final Logger logger = LoggerFactory.getLogger(RedisListWorker.class);

	private static final String CLAIM_MORE = """
			local moved = {}
			for i = 1, tonumber(ARGV[1]) do
			  local element = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
			  if not element then break end
			  moved[#moved + 1] = element
			end
			return moved
			""";

	// Back to the head of the list, in their original order, and the worker is forgotten.
	private static final String REQUEUE = """
			local moved = 0
			while redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT') do
			  moved = moved + 1
			end
			redis.call('HDEL', KEYS[3], ARGV[1])
			return moved
			""";

	private static final int GROWTH_POLLS_BEFORE_WARNING = 3;

	private final String key;

	private final String workersKey;

	private final String deadKey;

	private final int batchSize;

	private final int concurrency;

	private final Duration claimTimeout;

	private final Duration blockTimeout;

	private final @Nullable String sendTo;

	private final @Nullable IntFunction<BatchEmitter> emitters;

	private final RedisConnectionFactory connectionFactory;

	private final StringRedisTemplate redis;

	private final ScheduledExecutorService scheduler;

	private final Clock clock;

	private final String instanceId = ManagementFactory.getRuntimeMXBean().getPid() + "-"
			+ UUID.randomUUID().toString().substring(0, 8);

	private final List<Thread> threads = new ArrayList<>();

	private final List<String> workerIds = new ArrayList<>();

	private final WorkerCounters counters = new WorkerCounters();

	private volatile boolean running;

	private volatile @Nullable ScheduledFuture<?> housekeeping;

	private int growingPolls;

	/**
	 * Creates a worker group for one list.
	 * @param key the list's key
	 * @param batchSize the most events claimed at once
	 * @param concurrency worker threads; 0 only watches the list
	 * @param claimTimeout how long a silent worker may keep its claim
	 * @param blockTimeout how long one claim waits for an element; below Redis's command timeout
	 * @param sendTo the name of the emitter sent with, or null when only watching
	 * @param emitters makes a synchronous emitter for a worker thread, for a batch size
	 * @param connectionFactory Redis connections; each worker thread holds its own
	 * @param scheduler runs heartbeats, recovery and polls
	 * @param clock the clock of heartbeats
	 */
	public RedisListWorker(String key, int batchSize, int concurrency, Duration claimTimeout, Duration blockTimeout,
			@Nullable String sendTo, @Nullable IntFunction<BatchEmitter> emitters,
			RedisConnectionFactory connectionFactory, ScheduledExecutorService scheduler, Clock clock) {
		this.key = key;
		this.workersKey = key + ":workers";
		this.deadKey = key + ":dead";
		this.batchSize = batchSize;
		this.concurrency = concurrency;
		this.claimTimeout = claimTimeout;
		this.blockTimeout = blockTimeout;
		this.sendTo = sendTo;
		this.emitters = emitters;
		this.connectionFactory = connectionFactory;
		this.redis = new StringRedisTemplate(connectionFactory);
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/** The key of the list drained. */
	public String key() {
		return this.key;
	}

	@Override
	public String name() {
		return "list:" + this.key;
	}

	/** Starts the worker threads and the housekeeping (heartbeats, recovery of dead workers, polls). */
	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.workerIds.clear();
		this.threads.clear();
		for (int i = 1; i <= this.concurrency; i++) {
			String id = this.instanceId + "-" + i;
			this.workerIds.add(id);
			Thread thread = new Thread(() -> work(id), "snowplow-worker-" + this.key + "-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		heartbeat();
		this.threads.forEach(Thread::start);
		long period = Math.max(100, this.claimTimeout.toMillis() / 3);
		this.housekeeping = this.scheduler.scheduleWithFixedDelay(this::housekeep, 0, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops claiming. Each thread finishes the batch in hand within {@code timeout}; a batch still
	 * unsent then goes back to the head of the list for another worker.
	 * @param timeout how long to wait for the threads
	 */
	@Override
	public synchronized void stop(Duration timeout) {
		if (!this.running) {
			return;
		}
		this.running = false;
		ScheduledFuture<?> task = this.housekeeping;
		if (task != null) {
			task.cancel(false);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (thread.isAlive()) {
				thread.interrupt();
			}
		}
	}

	/** Whether the worker threads run. */
	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** What the list and this application's workers look like. */
	@Override
	public WorkerStatus status() {
		return this.counters.status("list", this.key, this.sendTo, this.running ? this.concurrency : 0);
	}

	private void work(String id) {
		BatchEmitter emitter = this.emitters.apply(this.batchSize);
		boolean abandoned = false;
		try {
			while (this.running && !abandoned) {
				try (RedisConnection connection = this.connectionFactory.getConnection()) {
					abandoned = !workOn(connection, id, emitter);
				}
				catch (RuntimeException ex) {
					if (this.running) {
						logger.warn("Worker {} of list '{}' lost its Redis connection; retrying in a second: {}", id,
								this.key, ex.toString());
						sleep(Duration.ofSeconds(1));
					}
				}
			}
		}
		finally {
			requeueQuietly(id);
			if (!abandoned) {
				emitter.close();
			}
			// An abandoned batch went back to the list: its emitter is dropped unclosed, so that it
			// neither sends it a second time nor reports it as lost. It holds no thread.
		}
	}

	/** Claims and sends batches while running; false when it stopped with a batch in hand. */
	private boolean workOn(RedisConnection connection, String id, BatchEmitter emitter) {
		byte[] source = bytes(this.key);
		byte[] processing = bytes(processingKey(id));
		while (this.running) {
			byte[] first = connection.listCommands()
				.bLMove(source, processing, RedisListCommands.Direction.LEFT, RedisListCommands.Direction.RIGHT,
						this.blockTimeout.toMillis() / 1000.0);
			if (first == null) {
				continue;
			}
			List<String> batch = new ArrayList<>(this.batchSize);
			batch.add(string(first));
			if (this.batchSize > 1) {
				List<byte[]> more = connection.scriptingCommands()
					.eval(bytes(CLAIM_MORE), ReturnType.MULTI, 2, source, processing,
							bytes(Integer.toString(this.batchSize - 1)));
				if (more != null) {
					more.forEach((element) -> batch.add(string(element)));
				}
			}
			this.counters.claimed.addAndGet(batch.size());
			if (!send(batch, id, emitter)) {
				return false; // stopping with a batch unsent: it goes back to the list for another worker
			}
			connection.keyCommands().del(processing);
		}
		return true;
	}

	/** Sends a claimed batch until every event is delivered or dropped; false when stopped first. */
	private boolean send(List<String> batch, String id, BatchEmitter emitter) {
		EmitterStats before = emitter.stats();
		int accepted = 0;
		for (String element : batch) {
			Payload payload;
			try {
				payload = WorkerEvents.read(element);
			}
			catch (WorkerEvents.InvalidElementException ex) {
				deadLetter(element, ex.getMessage(), id);
				continue;
			}
			emitter.accept(payload);
			accepted++;
		}
		if (accepted > 0) {
			while (true) {
				EmitterStats stats = emitter.stats();
				if (stats.pending() == 0) {
					break;
				}
				Instant due = stats.nextRetryAt();
				if (due == null || !due.isAfter(this.clock.instant())) {
					emitter.flush(this.claimTimeout);
				}
				else if (this.running) {
					sleep(Duration.between(this.clock.instant(), due)); // the collector fails: wait out the backoff
				}
				else {
					return false;
				}
			}
		}
		this.counters.add(before, emitter.stats());
		return true;
	}

	private void deadLetter(String element, String reason, String id) {
		Map<String, String> letter = new LinkedHashMap<>();
		letter.put("element", element);
		letter.put("reason", reason);
		letter.put("worker", id);
		letter.put("time", this.clock.instant().toString());
		this.redis.opsForList().rightPush(this.deadKey, PayloadJson.write(letter, "dead letter"));
		this.counters.deadLettered.incrementAndGet();
		logger.warn("Worker {} moved an element of list '{}' to '{}': {}", id, this.key, this.deadKey, reason);
	}

	private void housekeep() {
		try {
			heartbeat();
			recoverDeadWorkers();
			poll();
		}
		catch (RuntimeException ex) {
			logger.debug("Housekeeping of list '{}' failed; will try again", this.key, ex);
		}
	}

	private void heartbeat() {
		if (!this.running || this.workerIds.isEmpty()) {
			return;
		}
		String now = Long.toString(this.clock.millis());
		Map<String, String> beats = new LinkedHashMap<>();
		this.workerIds.forEach((id) -> beats.put(id, now));
		this.redis.opsForHash().putAll(this.workersKey, beats);
	}

	private void recoverDeadWorkers() {
		if (!this.running || this.workerIds.isEmpty()) {
			return;
		}
		long oldestAlive = this.clock.millis() - this.claimTimeout.toMillis();
		Map<Object, Object> beats = this.redis.opsForHash().entries(this.workersKey);
		beats.forEach((worker, beat) -> {
			String id = worker.toString();
			if (!this.workerIds.contains(id) && parseLong(beat.toString()) < oldestAlive) {
				Long moved = requeue(id);
				if (moved != null && moved > 0) {
					this.counters.recovered.addAndGet(moved);
					logger.warn("Worker {} was silent for over {}: its {} claimed event(s) went back to list '{}'", id,
							this.claimTimeout, moved, this.key);
				}
			}
		});
	}

	private void requeueQuietly(String id) {
		try {
			Long moved = requeue(id);
			if (moved != null && moved > 0) {
				logger.info("Worker {} stopped with {} unsent event(s); they went back to list '{}'", id, moved,
						this.key);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Worker {} could not return its claimed events to list '{}'; another worker will after {}", id,
					this.key, this.claimTimeout, ex);
		}
	}

	private @Nullable Long requeue(String id) {
		return this.redis.execute(new DefaultRedisScript<>(REQUEUE, Long.class),
				List.of(processingKey(id), this.key, this.workersKey), id);
	}

	private void poll() {
		long length = sizeOf(this.redis.opsForList().size(this.key));
		long dead = sizeOf(this.redis.opsForList().size(this.deadKey));
		Map<Object, Object> beats = this.redis.opsForHash().entries(this.workersKey);
		long oldestAlive = this.clock.millis() - this.claimTimeout.toMillis();
		int live = 0;
		long processing = 0;
		for (Map.Entry<Object, Object> beat : beats.entrySet()) {
			if (parseLong(beat.getValue().toString()) >= oldestAlive) {
				live++;
			}
			processing += sizeOf(this.redis.opsForList().size(processingKey(beat.getKey().toString())));
		}
		Duration lag = null;
		String head = this.redis.opsForList().index(this.key, 0);
		if (head != null) {
			try {
				String dtm = WorkerEvents.read(head).get("dtm");
				if (dtm != null) {
					lag = Duration.ofMillis(Math.max(0, this.clock.millis() - Long.parseLong(dtm)));
				}
			}
			catch (RuntimeException ex) {
				// an unreadable head has no age; a worker will dead-letter it
			}
		}
		WorkerCounters.Backlog previous = this.counters.backlog();
		this.counters.backlog(new WorkerCounters.Backlog(length, processing, dead, live, lag, this.clock.instant()));
		warnWhenNobodyDrains(previous, length, live);
	}

	private void warnWhenNobodyDrains(WorkerCounters.Backlog previous, long length, int live) {
		this.growingPolls = (length > previous.length() && live == 0) ? this.growingPolls + 1 : 0;
		if (this.growingPolls == GROWTH_POLLS_BEFORE_WARNING) {
			logger.warn("Redis list '{}' keeps growing ({} events) and no worker drains it; "
					+ "run workers with snowplow.worker.enabled=true and snowplow.worker.list.key={}", this.key, length,
					this.key);
		}
	}

	private String processingKey(String id) {
		return this.key + ":processing:" + id;
	}

	private static long sizeOf(@Nullable Long size) {
		return (size != null) ? size : 0;
	}

	private static long parseLong(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(byte[] value) {
		return new String(value, StandardCharsets.UTF_8);
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(1, Math.min(duration.toMillis(), this.claimTimeout.toMillis())));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}


}
