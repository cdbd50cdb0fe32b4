package io.github.snowplowspring.boot.redis;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
import io.github.snowplowspring.tracker.emitter.DropReason;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import io.github.snowplowspring.tracker.payload.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Consumes the tasks of a Redis stream in a consumer group and sends them to a collector (the
 * Python CeleryEmitter's workers). One delivery attempt per read: success acknowledges and
 * deletes the task ({@code XACK}, {@code XDEL}; streams do not shrink on acknowledgement, and
 * trimming could drop unacknowledged tasks); a task refused for good goes to the dead-letter
 * stream {@code <stream>:dead}; a retryable failure leaves it pending. Any worker claims tasks
 * idle longer than the claim timeout ({@code XPENDING}, {@code XCLAIM}, which counts the
 * delivery), so retries are spaced by the claim timeout and survive crashes; after
 * {@code max-deliveries} a task goes to the dead-letter stream with its last error.
 */
public final class RedisStreamWorker implements RedisWorkerGroup {

	private static final Logger logger = LoggerFactory.getLogger(RedisStreamWorker.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CLAIM_BATCH = 10;

	private final String stream;

	private final String deadStream;

	private final String errorsKey;

	private final String group;

	private final int maxDeliveries;

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

	private final WorkerCounters counters = new WorkerCounters();

	private volatile boolean running;

	private volatile @Nullable ScheduledFuture<?> polling;


	/**
	 * Creates a worker group for one stream.
	 * @param stream the stream's name
	 * @param group the consumer group
	 * @param maxDeliveries deliveries of a task before it is dead-lettered
	 * @param concurrency worker threads; 0 only watches the stream
	 * @param claimTimeout how long a task stays with a consumer before another claims it
	 * @param blockTimeout how long one read waits; below Redis's command timeout
	 * @param sendTo the name of the emitter sent with, or null when only watching
	 * @param emitters makes a synchronous emitter for a task, for a batch size
	 * @param connectionFactory Redis connections; each worker thread holds its own
	 * @param scheduler runs the polls of the stream
	 * @param clock the clock of lags
	 */
	public RedisStreamWorker(String stream, String group, int maxDeliveries, int concurrency, Duration claimTimeout,
			Duration blockTimeout, @Nullable String sendTo, @Nullable IntFunction<BatchEmitter> emitters,
			RedisConnectionFactory connectionFactory, ScheduledExecutorService scheduler, Clock clock) {
		this.stream = stream;
		this.deadStream = stream + ":dead";
		this.errorsKey = stream + ":errors";
		this.group = group;
		this.maxDeliveries = maxDeliveries;
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

	@Override
	public String name() {
		return "stream:" + this.stream;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		if (this.concurrency > 0) {
			createGroup();
		}
		this.threads.clear();
		for (int i = 1; i <= this.concurrency; i++) {
			String consumer = this.instanceId + "-" + i;
			Thread thread = new Thread(() -> work(consumer), "snowplow-worker-" + this.stream + "-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
		long period = Math.max(100, this.claimTimeout.toMillis() / 3);
		this.polling = this.scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop(Duration timeout) {
		this.running = false;
		ScheduledFuture<?> task = this.polling;
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
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public WorkerStatus status() {
		return this.counters.status("stream", this.stream, this.sendTo, this.running ? this.concurrency : 0);
	}

	private void createGroup() {
		try {
			// From offset 0: tasks written before the first worker started are consumed too.
			this.redis.execute((RedisConnection connection) -> connection.streamCommands()
				.xGroupCreate(bytes(this.stream), this.group, ReadOffset.from("0"), true));
		}
		catch (DataAccessException ex) {
			if (!String.valueOf(ex.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
				throw ex;
			}
		}
	}

	private void work(String consumer) {
		long nextClaim = 0;
		while (this.running) {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				while (this.running) {
					if (System.nanoTime() - nextClaim >= 0) {
						claimIdleTasks(connection, consumer);
						nextClaim = System.nanoTime() + Math.max(100, this.claimTimeout.toMillis() / 3) * 1_000_000;
					}
					List<ByteRecord> records = connection.streamCommands()
						.xReadGroup(Consumer.from(this.group, consumer),
								StreamReadOptions.empty().count(1).block(this.blockTimeout),
								StreamOffset.create(bytes(this.stream), ReadOffset.lastConsumed()));
					if (records != null) {
						for (ByteRecord record : records) {
							handle(connection, record, 1);
						}
					}
				}
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn("Worker {} of stream '{}' lost its Redis connection; retrying in a second: {}", consumer,
							this.stream, ex.toString());
					sleep(Duration.ofSeconds(1));
				}
			}
		}
	}

	/** Claims tasks that another consumer (or this one) left idle too long, or dead-letters them. */
	private void claimIdleTasks(RedisConnection connection, String consumer) {
		PendingMessages pending = connection.streamCommands()
			.xPending(bytes(this.stream), this.group, Range.unbounded(), (long) CLAIM_BATCH, this.claimTimeout);
		if (pending == null) {
			return;
		}
		for (PendingMessage message : pending) {
			long deliveries = message.getTotalDeliveryCount();
			if (deliveries >= this.maxDeliveries) {
				List<ByteRecord> task = connection.streamCommands()
					.xRange(bytes(this.stream), Range.closed(message.getIdAsString(), message.getIdAsString()),
							Limit.limit().count(1));
				String payload = (task != null && !task.isEmpty()) ? payloadOf(task.get(0)) : null;
				String error = (String) this.redis.opsForHash().get(this.errorsKey, message.getIdAsString());
				deadLetter(connection, message.getId(), payload,
						"not delivered after " + deliveries + " deliveries" + ((error != null) ? ": " + error : ""),
						deliveries);
				continue;
			}
			List<ByteRecord> claimedRecords = connection.streamCommands()
				.xClaim(bytes(this.stream), this.group, consumer, this.claimTimeout, message.getId());
			if (claimedRecords != null) {
				for (ByteRecord record : claimedRecords) {
					this.counters.recovered.incrementAndGet();
					handle(connection, record, deliveries + 1);
				}
			}
		}
	}

	/** One delivery attempt of a task. */
	private void handle(RedisConnection connection, ByteRecord record, long deliveries) {
		String payload = payloadOf(record);
		List<Payload> events = new ArrayList<>();
		JsonNode array;
		try {
			array = (payload != null) ? JSON.readTree(payload) : null;
		}
		catch (JacksonException ex) {
			array = null;
		}
		if (array == null || !array.isArray()) {
			deadLetter(connection, record.getId(), payload, "the payload is not a JSON array of events", deliveries);
			return;
		}
		for (JsonNode element : array) {
			try {
				events.add(WorkerEvents.read(element.toString()));
			}
			catch (WorkerEvents.InvalidElementException ex) {
				this.counters.drop(DropReason.INVALID, 1);
				logger.warn("Dropped an event of task {} in stream '{}': {}", record.getId(), this.stream,
						ex.getMessage());
			}
		}
		this.counters.claimed.addAndGet(events.size());
		if (events.isEmpty()) {
			acknowledge(connection, record.getId());
			return;
		}
		// One attempt: a buffer larger than the task, so that accepting sends nothing before the flush.
		BatchEmitter emitter = this.emitters.apply(events.size() + 1);
		events.forEach(emitter::accept);
		emitter.flush(this.claimTimeout);
		EmitterStats stats = emitter.stats();
		this.counters.sent.addAndGet(stats.sent());
		if (stats.pending() > 0) {
			// Retryable: the task stays pending and is claimed again after the claim timeout.
			this.redis.opsForHash()
				.put(this.errorsKey, record.getId().getValue(), String.valueOf(stats.lastError()));
			return;
		}
		long refused = stats.dropped(DropReason.REJECTED) + stats.dropped(DropReason.OVERSIZED);
		if (refused > 0) {
			this.counters.drop(DropReason.REJECTED, stats.dropped(DropReason.REJECTED));
			this.counters.drop(DropReason.OVERSIZED, stats.dropped(DropReason.OVERSIZED));
			deadLetter(connection, record.getId(), payload, "refused by the collector: " + stats.lastError(), deliveries);
			return;
		}
		acknowledge(connection, record.getId());
	}

	private void deadLetter(RedisConnection connection, RecordId id, @Nullable String payload, String reason,
			long deliveries) {
		Map<String, String> letter = new LinkedHashMap<>();
		letter.put(RedisStreamTransport.PAYLOAD_FIELD, (payload != null) ? payload : "");
		letter.put("reason", reason);
		letter.put("deliveries", Long.toString(deliveries));
		this.redis.opsForStream().add(StreamRecords.string(letter).withStreamKey(this.deadStream));
		this.counters.deadLettered.incrementAndGet();
		logger.warn("Task {} of stream '{}' went to '{}': {}", id, this.stream, this.deadStream, reason);
		acknowledge(connection, id);
	}

	private void acknowledge(RedisConnection connection, RecordId id) {
		connection.streamCommands().xAck(bytes(this.stream), this.group, id);
		connection.streamCommands().xDel(bytes(this.stream), id);
		this.redis.opsForHash().delete(this.errorsKey, id.getValue());
	}

	private void pollQuietly() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not poll stream '{}'; will try again", this.stream, ex);
		}
	}

	private void poll() {
		long length = sizeOf(this.redis.opsForStream().size(this.stream));
		long dead = sizeOf(this.redis.opsForStream().size(this.deadStream));
		long processing = 0;
		int live = 0;
		if (Boolean.TRUE.equals(this.redis.hasKey(this.stream))) {
			try {
				PendingMessagesSummary summary = this.redis.opsForStream().pending(this.stream, this.group);
				processing = (summary != null) ? summary.getTotalPendingMessages() : 0;
				StreamInfo.XInfoConsumers consumers = this.redis.opsForStream().consumers(this.stream, this.group);
				for (StreamInfo.XInfoConsumer consumer : consumers) {
					if (consumer.idleTimeMs() < this.claimTimeout.toMillis()) {
						live++;
					}
				}
			}
			catch (DataAccessException ex) {
				// no group yet: nobody has consumed
			}
		}
		Duration lag = null;
		List<org.springframework.data.redis.connection.stream.MapRecord<String, Object, Object>> first = this.redis
			.opsForStream()
			.range(this.stream, Range.unbounded(), Limit.limit().count(1));
		if (first != null && !first.isEmpty()) {
			lag = Duration.ofMillis(Math.max(0, this.clock.millis() - first.get(0).getId().getTimestamp()));
		}
		this.counters.backlog(new WorkerCounters.Backlog(length, processing, dead, live, lag, this.clock.instant()));
	}

	private static @Nullable String payloadOf(ByteRecord record) {
		for (Map.Entry<byte[], byte[]> field : record.getValue().entrySet()) {
			if (RedisStreamTransport.PAYLOAD_FIELD.equals(new String(field.getKey(), StandardCharsets.UTF_8))) {
				return new String(field.getValue(), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static long sizeOf(@Nullable Long size) {
		return (size != null) ? size : 0;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
