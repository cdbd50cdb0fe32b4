package io.github.snowplowspring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.EmitterListener;
import io.github.snowplowspring.tracker.emitter.RetryPolicy;
import io.github.snowplowspring.tracker.transport.Transport;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * What the configured emitters share: the listener beans, the timer, sender executors built from
 * Spring Boot's task builders, and the customizers. {@link #configure} applies the properties
 * every delivery-engine emitter has, whatever its transport.
 */
public final class EmitterContext {

	private final EmitterListener listener;

	private final ScheduledExecutorService scheduler;

	private final BiFunction<String, Integer, Executor> senders;

	private final List<SnowplowEmitterCustomizer> customizers;

	private final Duration closeTimeout;

	EmitterContext(EmitterListener listener, ScheduledExecutorService scheduler,
			BiFunction<String, Integer, Executor> senders, List<SnowplowEmitterCustomizer> customizers,
			Duration closeTimeout) {
		this.listener = listener;
		this.scheduler = scheduler;
		this.senders = senders;
		this.customizers = List.copyOf(customizers);
		this.closeTimeout = closeTimeout;
	}

	/** Every {@code EmitterListener} bean, as one listener. */
	public EmitterListener listener() {
		return this.listener;
	}

	/** The starter's timer, shared by every emitter's flush timer and retry wake-ups. */
	public ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	/**
	 * An executor for an emitter's sender threads, built from Spring Boot's task builders and
	 * shut down with the registry.
	 * @param emitterName the emitter's name, used in thread names
	 * @param threadCount the most tasks at once
	 * @return the executor
	 */
	public Executor senders(String emitterName, int threadCount) {
		return this.senders.apply(emitterName, threadCount);
	}

	/**
	 * A delivery-engine emitter for the transport, with every common property applied: buffer,
	 * batching, overflow, retry, flush timer, listener; then the customizers.
	 * @param name the emitter's name
	 * @param properties its properties
	 * @param transport where its batches go
	 * @param async whether it sends on sender threads
	 * @param defaultFlushInterval its flush interval when none is set, or null for none
	 * @return the builder, ready to build
	 */
	public BatchEmitter.Builder configure(String name, SnowplowProperties.EmitterProperties properties,
			Transport transport, boolean async, @Nullable Duration defaultFlushInterval) {
		String prefix = "snowplow.emitters." + name + ".";
		BatchEmitter.Builder builder = BatchEmitter.builder(transport)
			.name(name)
			.bufferCapacity(atLeastOne(prefix + "buffer-capacity", properties.getBufferCapacity()))
			.bufferMaxBytes(bytes(prefix + "buffer-max-bytes", properties.getBufferMaxBytes()))
			.maxEventBytes(bytes(prefix + "max-event-bytes", properties.getMaxEventBytes()))
			.overflow(properties.getOverflow())
			.maxBlock(notNegative(prefix + "max-block", properties.getMaxBlock()))
			.retryPolicy(retryPolicy(prefix + "retry.", properties.getRetry()))
			.listener(this.listener)
			.scheduler(this.scheduler)
			.closeTimeout(this.closeTimeout);
		if (properties.getBufferSize() != null) {
			builder.bufferSize(atLeastOne(prefix + "buffer-size", properties.getBufferSize()));
		}
		if (properties.getByteLimit() != null) {
			builder.byteLimit(bytes(prefix + "byte-limit", properties.getByteLimit()));
		}
		Duration flushInterval = (properties.getFlushInterval() != null)
				? notNegative(prefix + "flush-interval", properties.getFlushInterval()) : defaultFlushInterval;
		builder.flushInterval((flushInterval != null) ? flushInterval : Duration.ZERO);
		if (async) {
			int threads = atLeastOne(prefix + "thread-count", properties.getThreadCount());
			builder.async().threadCount(threads).executor(senders(name, threads));
		}
		for (SnowplowEmitterCustomizer customizer : this.customizers) {
			customizer.customize(name, builder);
		}
		return builder;
	}

	private static RetryPolicy retryPolicy(String prefix, SnowplowProperties.Retry retry) {
		RetryPolicy.Builder policy = RetryPolicy.builder()
			.initialBackoff(positive(prefix + "initial-backoff", retry.getInitialBackoff()))
			.maxBackoff(positive(prefix + "max-backoff", retry.getMaxBackoff()))
			.maxAge(positive(prefix + "max-age", retry.getMaxAge()));
		if (retry.getMaxAttempts() != null) {
			policy.maxAttempts(atLeastOne(prefix + "max-attempts", retry.getMaxAttempts()));
		}
		for (Map.Entry<Integer, Boolean> code : retry.getCustomCodes().entrySet()) {
			if (code.getKey() < 100 || code.getKey() > 599) {
				throw new InvalidSnowplowConfigurationException(prefix + "custom-codes", code.getKey(),
						"not an HTTP status code", "Use status codes from 100 to 599 as keys.");
			}
			policy.customCode(code.getKey(), code.getValue());
		}
		if (retry.getMaxBackoff().compareTo(retry.getInitialBackoff()) < 0) {
			throw new InvalidSnowplowConfigurationException(prefix + "max-backoff", retry.getMaxBackoff(),
					"less than " + prefix + "initial-backoff (" + retry.getInitialBackoff() + ")",
					"Set " + prefix + "max-backoff to at least " + prefix + "initial-backoff.");
		}
		return policy.build();
	}

	static int atLeastOne(String property, int value) {
		if (value < 1) {
			throw new InvalidSnowplowConfigurationException(property, value, "must be at least 1",
					"Set " + property + " to a positive number, or remove it to use the default.");
		}
		return value;
	}

	static long bytes(String property, DataSize value) {
		if (value.toBytes() < 1) {
			throw new InvalidSnowplowConfigurationException(property, value, "must be at least 1 byte",
					"Set " + property + " to a positive size such as 40KB, or remove it to use the default.");
		}
		return value.toBytes();
	}

	static Duration positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidSnowplowConfigurationException(property, value, "must be positive",
					"Set " + property + " to a positive duration such as 5s.");
		}
		return value;
	}

	static Duration notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidSnowplowConfigurationException(property, value, "must not be negative",
					"Set " + property + " to 0s or a positive duration such as 5s.");
		}
		return value;
	}

}
