package io.github.snowplowspring.boot.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
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

	private final boolean downWhenFailing;

	private final Clock clock;

	/**
	 * Creates an indicator.
	 * @param registry the emitters
	 * @param downWhenFailing whether a failing emitter makes the health DOWN
	 */
	public SnowplowHealthIndicator(EmitterRegistry registry, boolean downWhenFailing) {
		this(registry, downWhenFailing, Clock.systemUTC());
	}

	SnowplowHealthIndicator(EmitterRegistry registry, boolean downWhenFailing, Clock clock) {
		super("Snowplow health check failed");
		this.registry = registry;
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
	}

}
