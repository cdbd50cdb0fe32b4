package io.github.snowplowspring.boot.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowWorkers;
import io.github.snowplowspring.tracker.emitter.EmitterStats;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code snowplow} health: each emitter's state ({@code ok}, {@code degraded},
 * {@code failing}), buffer fill and last error, from the emitters' in-memory stats (never a
 * call to a collector). UP by default even when an emitter fails, because an analytics outage
 * must not take the application out of its load balancer; with {@code downWhenFailing}, a
 * failing emitter makes it DOWN.
 */
public class SnowplowHealthIndicator extends AbstractHealthIndicator {

	private final EmitterRegistry registry;

	private final List<SnowplowWorkers> workers;

	private final boolean downWhenFailing;

	private final Clock clock;

	/**
	 * Creates an indicator.
	 * @param registry the emitters
	 * @param workers the worker groups, whose backlog shows in the details
	 * @param downWhenFailing whether a failing emitter makes the health DOWN
	 */
	public SnowplowHealthIndicator(EmitterRegistry registry, List<SnowplowWorkers> workers, boolean downWhenFailing) {
		this(registry, workers, downWhenFailing, Clock.systemUTC());
	}

	SnowplowHealthIndicator(EmitterRegistry registry, List<SnowplowWorkers> workers, boolean downWhenFailing,
			Clock clock) {
		super("Snowplow health check failed");
		this.registry = registry;
		this.workers = List.copyOf(workers);
		this.downWhenFailing = downWhenFailing;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		boolean anyFailing = false;
		Map<String, Object> emitters = new LinkedHashMap<>();
		for (String name : this.registry.names()) {
			EmitterStats stats = this.registry.get(name).stats();
			EmitterHealth health = EmitterHealth.of(stats, now);
			anyFailing |= health == EmitterHealth.FAILING;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("state", health.id());
			details.put("pending", stats.pending());
			if (stats.capacity() > 0) {
				details.put("bufferFill", Math.round(100.0 * stats.pending() / stats.capacity()) + "%");
			}
			if (stats.lastFailure() != null) {
				details.put("lastFailure", stats.lastFailure().toString());
				details.put("lastError", stats.lastError());
			}
			emitters.put(name, details);
		}
		(anyFailing && this.downWhenFailing ? builder.down() : builder.up()).withDetail("emitters", emitters);
		Map<String, Object> workers = new LinkedHashMap<>();
		for (SnowplowWorkers group : this.workers) {
			group.status().forEach((name, status) -> {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("threads", status.threads());
				details.put("length", status.length());
				details.put("processing", status.processing());
				details.put("dead", status.dead());
				details.put("liveWorkers", status.liveWorkers());
				if (status.lag() != null) {
					details.put("lag", status.lag().toString());
				}
				workers.put(name, details);
			});
		}
		if (!workers.isEmpty()) {
			builder.withDetail("workers", workers);
		}
	}

}
