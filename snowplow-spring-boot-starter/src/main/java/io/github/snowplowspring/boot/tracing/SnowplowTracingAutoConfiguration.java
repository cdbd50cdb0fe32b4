package io.github.snowplowspring.boot.tracing;

import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the trace entity, when Micrometer Tracing has a {@link Tracer}
 * ({@code snowplow.tracing.enabled=false} turns it off).
 */
@AutoConfiguration(beforeName = "io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration",
		afterName = { "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(Tracer.class)
@ConditionalOnBooleanProperty(name = "snowplow.tracing.enabled", matchIfMissing = true)
public final class SnowplowTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Tracer.class)
	TraceContextProvider snowplowTraceContextProvider(Tracer tracer) {
		return new TraceContextProvider(tracer);
	}

}
