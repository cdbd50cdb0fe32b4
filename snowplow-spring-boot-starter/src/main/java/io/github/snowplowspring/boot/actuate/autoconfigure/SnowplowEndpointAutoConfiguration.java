package io.github.snowplowspring.boot.actuate.autoconfigure;

import io.github.snowplowspring.boot.actuate.SnowplowEndpoint;
import io.github.snowplowspring.boot.actuate.SnowplowEndpointWebExtension;
import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.SnowplowWorkers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code snowplow} actuator endpoint, when it is available (accessible
 * and exposed: {@code management.endpoints.web.exposure.include=snowplow}).
 */
@AutoConfiguration(after = SnowplowAutoConfiguration.class,
		afterName = "io.github.snowplowspring.boot.redis.SnowplowRedisAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
public final class SnowplowEndpointAutoConfiguration {

	// Nested, so that the availability condition is only read when the actuator is there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(SnowplowEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(EmitterRegistry.class)
		SnowplowEndpoint snowplowEndpoint(EmitterRegistry registry, ObjectProvider<SnowplowWorkers> workers) {
			return new SnowplowEndpoint(registry, workers.orderedStream().toList());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(SnowplowEndpoint.class)
		SnowplowEndpointWebExtension snowplowEndpointWebExtension(SnowplowEndpoint endpoint) {
			return new SnowplowEndpointWebExtension(endpoint);
		}

	}

}
