package io.github.snowplowspring.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.snowplowspring.tracker.emitter.DropReason;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The states of an emitter's health, from its stats alone. */
class SnowplowHealthIndicatorTests {

	private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

	@Test
	void anEmitterThatDeliversIsOk() {
		assertThat(EmitterHealth.of(stats(null, NOW.minusSeconds(5), null, 0, Map.of()), NOW)).isEqualTo(EmitterHealth.OK);
		assertThat(EmitterHealth.of(EmitterStats.EMPTY, NOW)).isEqualTo(EmitterHealth.OK);
	}

	@Test
	void anEmitterWhoseLastRequestFailedOrThatWaitsToRetryIsDegraded() {
		assertThat(EmitterHealth.of(stats(NOW.minusSeconds(1), NOW.minusSeconds(5), null, 0, Map.of()), NOW))
			.isEqualTo(EmitterHealth.DEGRADED);
		assertThat(EmitterHealth.of(stats(null, NOW.minusSeconds(5), null, 3, Map.of()), NOW))
			.isEqualTo(EmitterHealth.DEGRADED);
	}

	@Test
	void anEmitterThatDroppedEventsLatelyIsFailing() {
		assertThat(EmitterHealth.of(stats(null, NOW, NOW.minusSeconds(30), 0, Map.of(DropReason.BUFFER_FULL, 5L)), NOW))
			.isEqualTo(EmitterHealth.FAILING);
		assertThat(EmitterHealth.of(
				stats(null, NOW, NOW.minus(Duration.ofMinutes(6)), 0, Map.of(DropReason.REJECTED, 5L)), NOW))
			.isEqualTo(EmitterHealth.OK);
		assertThat(EmitterHealth.of(stats(null, NOW, NOW.minusSeconds(1), 0, Map.of(DropReason.SHUTDOWN, 5L)), NOW))
			.as("drops at shutdown are not a failure").isEqualTo(EmitterHealth.OK);
	}

	private static EmitterStats stats(Instant lastFailure, Instant lastSuccess, Instant lastDrop, int retryAttempt,
			Map<DropReason, Long> dropped) {
		return new EmitterStats(10, 10, dropped, 0, 0, 0, 0, 0, 0, 100, null, retryAttempt, null, lastSuccess,
				lastFailure, (lastFailure != null) ? "HTTP 503" : null, lastDrop);
	}

}
