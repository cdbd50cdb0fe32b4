package io.github.snowplowspring.boot.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.github.snowplowspring.boot.autoconfigure.EmitterFactory;
import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.InvalidSnowplowConfigurationException;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.SnowplowLifecycle;
import io.github.snowplowspring.boot.autoconfigure.SnowplowProperties;
import io.github.snowplowspring.boot.autoconfigure.SnowplowWorkers;
import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Auto-configuration of the Redis emitters ({@code type: redis} and {@code type: queue}) and of
 * the workers that drain Redis lists and streams ({@code snowplow.worker}), on the application's
 * {@link RedisConnectionFactory}
 * (Spring Boot's {@code spring.data.redis.*}).
 */
@AutoConfiguration(after = SnowplowAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
public final class SnowplowRedisAutoConfiguration {

	// How long stopping waits for a worker's batch in hand before returning it to the list.
	private static final Duration MAX_STOP = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnMissingBean(name = "snowplowRedisEmitterFactory")
	EmitterFactory snowplowRedisEmitterFactory(RedisConnectionFactory connectionFactory) {
		return new RedisEmitterFactory(new StringRedisTemplate(connectionFactory));
	}

	@Bean
	@ConditionalOnMissingBean(name = "snowplowQueueEmitterFactory")
	EmitterFactory snowplowQueueEmitterFactory(RedisConnectionFactory connectionFactory) {
		return new QueueEmitterFactory(new StringRedisTemplate(connectionFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EmitterRegistry.class)
	RedisWorkers snowplowRedisWorkers(SnowplowProperties properties, EmitterRegistry registry,
			RedisConnectionFactory connectionFactory, ObjectProvider<DataRedisProperties> redisProperties) {
		Duration commandTimeout = redisProperties.getIfAvailable(DataRedisProperties::new).getTimeout();
		return RedisWorkers.of(properties, registry, connectionFactory, blockTimeout(commandTimeout));
	}

	/** How long one blocking claim waits: a second, or less when Redis's command timeout is shorter. */
	static Duration blockTimeout(@Nullable Duration commandTimeout) {
		Duration block = Duration.ofSeconds(1);
		if (commandTimeout != null && commandTimeout.compareTo(block.multipliedBy(2)) < 0) {
			block = commandTimeout.dividedBy(2);
		}
		return block.isZero() ? Duration.ofMillis(100) : block;
	}

	/**
	 * The list and stream workers of this application, and watchers of the lists and streams its
	 * emitters fill that nobody here drains. They stop before the emitters' final flush and start
	 * after them.
	 */
	public static final class RedisWorkers implements SmartLifecycle, SnowplowWorkers, DisposableBean {

		private final List<RedisWorkerGroup> workers;

		private final ScheduledThreadPoolExecutor scheduler;

		private final Duration stopTimeout;

		private RedisWorkers(List<RedisWorkerGroup> workers, ScheduledThreadPoolExecutor scheduler,
				Duration stopTimeout) {
			this.workers = List.copyOf(workers);
			this.scheduler = scheduler;
			this.stopTimeout = stopTimeout;
		}

		static RedisWorkers of(SnowplowProperties properties, EmitterRegistry registry,
				RedisConnectionFactory connectionFactory, Duration blockTimeout) {
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "snowplow-worker-housekeeping");
				thread.setDaemon(true);
				return thread;
			});
			scheduler.setRemoveOnCancelPolicy(true);
			SnowplowProperties.Worker worker = properties.getWorker();
			List<RedisWorkerGroup> workers = new ArrayList<>();
			Set<String> drained = new LinkedHashSet<>();
			if (worker.isEnabled() && worker.getConcurrency() < 1) {
				throw new InvalidSnowplowConfigurationException("snowplow.worker.concurrency", worker.getConcurrency(),
						"must be at least 1", "Set it to the number of worker threads.");
			}
			String listKey = worker.getList().getKey();
			String streamName = worker.getStream().getName();
			if (worker.isEnabled() && (listKey == null || listKey.isBlank())
					&& (streamName == null || streamName.isBlank())) {
				throw new InvalidSnowplowConfigurationException("snowplow.worker.list.key", null,
						"workers are enabled with nothing to drain",
						"Set snowplow.worker.list.key (a Redis list) or snowplow.worker.stream.name (a stream of tasks).");
			}
			if (worker.isEnabled() && listKey != null && !listKey.isBlank()) {
				if (worker.getList().getBatchSize() < 1) {
					throw new InvalidSnowplowConfigurationException("snowplow.worker.list.batch-size",
							worker.getList().getBatchSize(), "must be at least 1", "Set it, for example to 50.");
				}
				String sendTo = worker.getSendTo();
				workers.add(new RedisListWorker(listKey, worker.getList().getBatchSize(), worker.getConcurrency(),
						worker.getClaimTimeout(), blockTimeout, sendTo,
						(batchSize) -> registry.newWorkerEmitter(sendTo, batchSize), connectionFactory, scheduler,
						Clock.systemUTC()));
				drained.add(listKey);
			}
			if (worker.isEnabled() && streamName != null && !streamName.isBlank()) {
				if (worker.getStream().getMaxDeliveries() < 1) {
					throw new InvalidSnowplowConfigurationException("snowplow.worker.stream.max-deliveries",
							worker.getStream().getMaxDeliveries(), "must be at least 1", "Set it, for example to 5.");
				}
				String sendTo = worker.getSendTo();
				workers.add(new RedisStreamWorker(streamName, worker.getStream().getGroup(),
						worker.getStream().getMaxDeliveries(), worker.getConcurrency(), worker.getClaimTimeout(),
						blockTimeout, sendTo, (batchSize) -> registry.newWorkerEmitter(sendTo, batchSize),
						connectionFactory, scheduler, Clock.systemUTC()));
				drained.add("stream:" + streamName);
			}
			properties.getEmitters().forEach((name, emitter) -> {
				if ("redis".equals(emitter.getType()) && drained.add(emitter.getKey())) {
					workers.add(new RedisListWorker(emitter.getKey(), 1, 0, worker.getClaimTimeout(), blockTimeout,
							null, null, connectionFactory, scheduler, Clock.systemUTC()));
				}
				if ("queue".equals(emitter.getType()) && drained.add("stream:" + emitter.getStream())) {
					workers.add(new RedisStreamWorker(emitter.getStream(), worker.getStream().getGroup(), 1, 0,
							worker.getClaimTimeout(), blockTimeout, null, null, connectionFactory, scheduler,
							Clock.systemUTC()));
				}
			});
			Duration stopTimeout = worker.getClaimTimeout().compareTo(MAX_STOP) < 0 ? worker.getClaimTimeout() : MAX_STOP;
			return new RedisWorkers(workers, scheduler, stopTimeout);
		}

		@Override
		public Map<String, WorkerStatus> status() {
			Map<String, WorkerStatus> status = new LinkedHashMap<>();
			this.workers.forEach((worker) -> status.put(worker.name(), worker.status()));
			return status;
		}

		@Override
		public void start() {
			this.workers.forEach(RedisWorkerGroup::start);
		}

		@Override
		public void stop() {
			this.workers.forEach((worker) -> worker.stop(this.stopTimeout));
		}

		@Override
		public boolean isRunning() {
			return this.workers.stream().anyMatch(RedisWorkerGroup::isRunning);
		}

		@Override
		public int getPhase() {
			// Stop claiming before the emitters' final flush; start after them.
			return SnowplowLifecycle.PHASE + 1;
		}

		/** Ends the housekeeping thread with the context. */
		@Override
		public void destroy() {
			stop();
			this.scheduler.shutdownNow();
		}

	}

}
