package io.github.snowplowspring.boot.actuate.autoconfigure;

import io.github.snowplowspring.boot.actuate.SnowplowHealthIndicator;
import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.SnowplowProperties;
import io.github.snowplowspring.boot.autoconfigure.SnowplowWorkers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code snowplow} health indicator
 * ({@code management.health.snowplow.enabled}).
 */
@AutoConfiguration(after = SnowplowAutoConfiguration.class,
		afterName = "io.github.snowplowspring.boot.redis.SnowplowRedisAutoConfiguration", beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
		"org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
public final class SnowplowHealthAutoConfiguration {

	// Nested, so that the health conditions are only read when Spring Boot's health support is there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EmitterRegistry.class)
	@ConditionalOnEnabledHealthIndicator("snowplow")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "snowplowHealthIndicator")
		SnowplowHealthIndicator snowplowHealthIndicator(EmitterRegistry registry, SnowplowProperties properties,
				ObjectProvider<SnowplowWorkers> workers) {
			return new SnowplowHealthIndicator(registry, workers.orderedStream().toList(),
					properties.getHealth().isDownWhenFailing());
		}

	}

}
