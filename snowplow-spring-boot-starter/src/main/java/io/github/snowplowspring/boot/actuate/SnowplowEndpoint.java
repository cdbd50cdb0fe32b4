package io.github.snowplowspring.boot.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowWorkers;
import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.DropReason;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import io.github.snowplowspring.tracker.emitter.FlushResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code snowplow} endpoint: each emitter's buffer depth, ledger, retry state and timer; a
 * flush of every emitter or of one; and setting or cancelling an emitter's flush timer.
 */
@Endpoint(id = "snowplow")
public class SnowplowEndpoint {

	/** How long a flush waits when the request names no timeout. */
	public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);

	private final EmitterRegistry registry;

	private final List<SnowplowWorkers> workers;

	private final Clock clock;

	/**
	 * Creates an endpoint over the application's emitters and workers.
	 * @param registry the emitters
	 * @param workers the worker groups
	 */
	public SnowplowEndpoint(EmitterRegistry registry, List<SnowplowWorkers> workers) {
		this(registry, workers, Clock.systemUTC());
	}

	SnowplowEndpoint(EmitterRegistry registry, List<SnowplowWorkers> workers, Clock clock) {
		this.registry = registry;
		this.workers = List.copyOf(workers);
		this.clock = clock;
	}

	/** Every emitter's state, and the workers' when there are any. */
	@ReadOperation
	public EmittersDescriptor emitters() {
		Map<String, EmitterDescriptor> emitters = new LinkedHashMap<>();
		for (String name : this.registry.names()) {
			emitters.put(name, describe(name));
		}
		Map<String, WorkerDescriptor> workers = new LinkedHashMap<>();
		for (SnowplowWorkers group : this.workers) {
			group.status().forEach((name, status) -> workers.put(name, WorkerDescriptor.of(status)));
		}
		return new EmittersDescriptor(emitters, workers.isEmpty() ? null : workers);
	}

	/**
	 * One emitter's state.
	 * @param name the emitter's name
	 * @return its state, or null (404) for an unknown name
	 */
	@ReadOperation
	public @Nullable EmitterDescriptor emitter(@Selector String name) {
		return (this.registry.get(name) != null) ? describe(name) : null;
	}

	/**
	 * Flushes every emitter at once.
	 * @param timeout how long to wait at most; 10s when absent
	 * @return what each flush sent, dropped and left
	 */
	@WriteOperation
	public FlushAllDescriptor flush(@Nullable Duration timeout) {
		Map<String, FlushDescriptor> results = new LinkedHashMap<>();
		this.registry.flushAll(timeout(timeout)).forEach((name, result) -> results.put(name, FlushDescriptor.of(result)));
		return new FlushAllDescriptor(results);
	}

	/**
	 * Flushes one emitter, or sets its flush timer.
	 * @param name the emitter's name
	 * @param timeout how long a flush waits at most; 10s when absent
	 * @param flushInterval the new timer interval instead of a flush; 0s cancels the timer
	 * @return what the flush did or the new interval, or null for an unknown name
	 */
	@WriteOperation
	public @Nullable Object flushOrSetInterval(@Selector String name, @Nullable Duration timeout,
			@Nullable Duration flushInterval) {
		Emitter emitter = this.registry.get(name);
		if (emitter == null) {
			return null;
		}
		if (flushInterval != null) {
			if (timeout != null) {
				throw new InvalidEndpointRequestException("Give either timeout (to flush) or flushInterval, not both",
						"timeout and flushInterval are exclusive");
			}
			return setFlushInterval(name, emitter, flushInterval);
		}
		return FlushDescriptor.of(this.registry.flush(name, timeout(timeout)));
	}

	private FlushIntervalDescriptor setFlushInterval(String name, Emitter emitter, Duration interval) {
		if (interval.isNegative()) {
			throw new InvalidEndpointRequestException("flushInterval must not be negative", "negative flushInterval");
		}
		try {
			if (interval.isZero()) {
				emitter.cancelFlushInterval();
			}
			else {
				emitter.setFlushInterval(interval);
			}
		}
		catch (UnsupportedOperationException ex) {
			throw new InvalidEndpointRequestException("Emitter '" + name + "' has no flush timer", ex.getMessage());
		}
		return new FlushIntervalDescriptor(interval.toString());
	}

	private static Duration timeout(@Nullable Duration timeout) {
		if (timeout == null) {
			return DEFAULT_FLUSH_TIMEOUT;
		}
		if (timeout.isNegative()) {
			throw new InvalidEndpointRequestException("timeout must not be negative", "negative timeout");
		}
		return timeout;
	}

	private EmitterDescriptor describe(String name) {
		Emitter emitter = this.registry.get(name);
		EmitterStats stats = emitter.stats();
		Map<String, Long> dropped = new LinkedHashMap<>();
		for (DropReason reason : DropReason.values()) {
			dropped.put(reason.id(), stats.dropped(reason));
		}
		Instant now = this.clock.instant();
		Duration interval = (emitter instanceof BatchEmitter batchEmitter) ? batchEmitter.flushInterval() : null;
		return new EmitterDescriptor(this.registry.type(name), stats.bufferedEvents(), stats.bufferedBytes(),
				(stats.oldestEventTime() != null) ? age(stats.oldestEventTime(), now) : null, stats.inFlightRequests(),
				stats.accepted(), stats.sent(), stats.failed(), dropped, stats.pending(),
				new RetryDescriptor(stats.retryAttempt(),
						(stats.nextRetryAt() != null) ? stats.nextRetryAt().toString() : null),
				(interval != null) ? interval.toString() : null,
				(stats.lastSuccess() != null) ? new TimeDescriptor(stats.lastSuccess().toString()) : null,
				(stats.lastFailure() != null)
						? new FailureDescriptor(stats.lastFailure().toString(), stats.lastError()) : null);
	}

	private static String age(Instant since, Instant now) {
		Duration age = Duration.between(since, now);
		return (age.isNegative() ? Duration.ZERO : age).toString();
	}

	/**
	 * Every emitter's state, by name, and the workers'.
	 *
	 * @param emitters the emitters
	 * @param workers the worker groups, absent when there are none
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record EmittersDescriptor(Map<String, EmitterDescriptor> emitters,
			@Nullable Map<String, WorkerDescriptor> workers) {
	}

	/**
	 * A group of workers draining one Redis list or stream, or watching it.
	 *
	 * @param type list or stream
	 * @param source the list key or stream name
	 * @param sendTo the HTTP emitter the workers send with
	 * @param threads worker threads running here
	 * @param length what waits in Redis
	 * @param processing events claimed and not yet acknowledged
	 * @param dead dead letters
	 * @param liveWorkers workers of any application seen alive
	 * @param lag how long the oldest waiting event has waited
	 * @param claimed events claimed here
	 * @param sent events delivered from here
	 * @param dropped events given up here, by reason
	 * @param deadLettered elements moved to the dead letters from here
	 * @param recovered events returned from dead workers by workers here
	 * @param polledAt when Redis was last polled
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record WorkerDescriptor(String type, String source, @Nullable String sendTo, int threads, long length,
			long processing, long dead, int liveWorkers, @Nullable String lag, long claimed, long sent,
			Map<String, Long> dropped, long deadLettered, long recovered, @Nullable String polledAt) {

		static WorkerDescriptor of(WorkerStatus status) {
			return new WorkerDescriptor(status.type(), status.source(), status.sendTo(), status.threads(),
					status.length(), status.processing(), status.dead(), status.liveWorkers(),
					(status.lag() != null) ? status.lag().toString() : null, status.claimed(), status.sent(),
					status.dropped(), status.deadLettered(), status.recovered(),
					(status.polledAt() != null) ? status.polledAt().toString() : null);
		}

	}

	/**
	 * One emitter's state. Times are ISO-8601 instants, durations ISO-8601 durations; what is
	 * unknown or absent is left out.
	 *
	 * @param type sync, async, redis, queue, or custom for an application's bean
	 * @param bufferedEvents events waiting in the buffer
	 * @param bufferedBytes their encoded size
	 * @param oldestEventAge how long the oldest pending event has waited
	 * @param inFlightRequests requests being sent now
	 * @param accepted events handed to the emitter
	 * @param sent events delivered
	 * @param failed events in failed attempts; they may still be sent
	 * @param dropped events given up, by reason
	 * @param pending events buffered, in flight or waiting for retry
	 * @param retry the batch waiting for retry
	 * @param flushInterval the flush timer's interval, absent when none runs
	 * @param lastSuccess when a request last succeeded
	 * @param lastFailure when a request last failed, and why
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record EmitterDescriptor(@Nullable String type, long bufferedEvents, long bufferedBytes,
			@Nullable String oldestEventAge, int inFlightRequests, long accepted, long sent, long failed,
			Map<String, Long> dropped, long pending, RetryDescriptor retry, @Nullable String flushInterval,
			@Nullable TimeDescriptor lastSuccess, @Nullable FailureDescriptor lastFailure) {
	}

	/**
	 * The batch waiting for retry.
	 *
	 * @param attempt its next attempt, 0 when no batch waits
	 * @param nextAt when that attempt is due
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record RetryDescriptor(int attempt, @Nullable String nextAt) {
	}

	/**
	 * A moment.
	 *
	 * @param time an ISO-8601 instant
	 */
	public record TimeDescriptor(String time) {
	}

	/**
	 * A failed request.
	 *
	 * @param time an ISO-8601 instant
	 * @param error the status or error
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FailureDescriptor(String time, @Nullable String error) {
	}

	/**
	 * What a flush did.
	 *
	 * @param sent events it delivered
	 * @param dropped events it gave up
	 * @param pending events left pending
	 */
	public record FlushDescriptor(long sent, long dropped, long pending) {

		static FlushDescriptor of(FlushResult result) {
			return new FlushDescriptor(result.sent(), result.dropped(), result.pending());
		}

	}

	/**
	 * What a flush of every emitter did, by emitter name.
	 *
	 * @param emitters each emitter's flush
	 */
	public record FlushAllDescriptor(Map<String, FlushDescriptor> emitters) {
	}

	/**
	 * An emitter's new flush timer.
	 *
	 * @param flushInterval the interval, {@code PT0S} when cancelled
	 */
	public record FlushIntervalDescriptor(String flushInterval) {
	}

}
