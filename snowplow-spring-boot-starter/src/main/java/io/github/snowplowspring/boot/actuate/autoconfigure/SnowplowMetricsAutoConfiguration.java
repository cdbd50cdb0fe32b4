package io.github.snowplowspring.boot.actuate.autoconfigure;

import io.github.snowplowspring.boot.actuate.SendTimer;
import io.github.snowplowspring.boot.actuate.SnowplowMetrics;
import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.SnowplowEmitterCustomizer;
import io.github.snowplowspring.boot.autoconfigure.SnowplowWorkers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Snowplow meters, when Micrometer is on the class path; Spring Boot
 * binds them to every registry ({@code management.metrics.enable.snowplow=false} turns them off).
 */
@AutoConfiguration(after = SnowplowAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"io.github.snowplowspring.boot.redis.SnowplowRedisAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
public final class SnowplowMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EmitterRegistry.class)
	SnowplowMetrics snowplowMetrics(EmitterRegistry registry, ObjectProvider<SnowplowWorkers> workers) {
		return new SnowplowMetrics(registry, workers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean(name = "snowplowSendTimerCustomizer")
	SnowplowEmitterCustomizer snowplowSendTimerCustomizer(ObjectProvider<MeterRegistry> meterRegistry) {
		return (name, builder) -> builder.sendObserver(new SendTimer(name, meterRegistry));
	}

}
