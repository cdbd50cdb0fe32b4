package io.github.snowplowspring.tracker.emitter;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

	private final SplittableRandom random = new SplittableRandom(42);

	@Test
	void followsTheSnowplowRuleForStatusCodes() {
		RetryPolicy policy = RetryPolicy.DEFAULT;
		assertThat(policy.isRetryable(500)).isTrue();
		assertThat(policy.isRetryable(503)).isTrue();
		assertThat(policy.isRetryable(404)).isTrue();
		assertThat(policy.isRetryable(429)).isTrue();
		assertThat(policy.isRetryable(302)).isTrue();
		assertThat(policy.isRetryable(400)).isFalse();
		assertThat(policy.isRetryable(401)).isFalse();
		assertThat(policy.isRetryable(403)).isFalse();
		assertThat(policy.isRetryable(410)).isFalse();
		assertThat(policy.isRetryable(422)).isFalse();
		assertThat(policy.isRetryable(413)).isFalse();
	}

	@Test
	void customCodesWin() {
		RetryPolicy policy = RetryPolicy.builder().customCode(403, true).customCode(503, false).build();
		assertThat(policy.isRetryable(403)).isTrue();
		assertThat(policy.isRetryable(503)).isFalse();
	}

	@Test
	void backoffIsJitteredBelowAnExponentialCeilingAndCapped() {
		RetryPolicy policy = RetryPolicy.builder()
			.initialBackoff(Duration.ofMillis(100))
			.maxBackoff(Duration.ofSeconds(2))
			.build();
		for (int i = 0; i < 1_000; i++) {
			assertThat(policy.backoff(1, null, this.random)).isBetween(Duration.ZERO, Duration.ofMillis(100));
			assertThat(policy.backoff(3, null, this.random)).isBetween(Duration.ZERO, Duration.ofMillis(400));
			assertThat(policy.backoff(60, null, this.random)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
		}
		long sum = 0;
		for (int i = 0; i < 1_000; i++) {
			sum += policy.backoff(10, null, this.random).toMillis();
		}
		assertThat(sum / 1_000).as("full jitter averages half the ceiling").isBetween(850L, 1150L);
	}

	@Test
	void retryAfterIsHonouredUpToTheCap() {
		RetryPolicy policy = RetryPolicy.builder().maxBackoff(Duration.ofSeconds(30)).build();
		assertThat(policy.backoff(1, Duration.ofSeconds(7), this.random)).isEqualTo(Duration.ofSeconds(7));
		assertThat(policy.backoff(1, Duration.ofHours(1), this.random)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void invalidSettingsNameTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
			.withMessageContaining("retry.max-attempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1)).build())
			.withMessageContaining("retry.max-backoff");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxAge(Duration.ZERO).build())
			.withMessageContaining("retry.max-age");
	}

}
