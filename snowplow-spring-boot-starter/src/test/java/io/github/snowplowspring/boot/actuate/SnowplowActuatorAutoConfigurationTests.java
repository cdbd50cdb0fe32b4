package io.github.snowplowspring.boot.actuate;

import io.github.snowplowspring.boot.actuate.autoconfigure.SnowplowEndpointAutoConfiguration;
import io.github.snowplowspring.boot.actuate.autoconfigure.SnowplowHealthAutoConfiguration;
import io.github.snowplowspring.boot.actuate.autoconfigure.SnowplowMetricsAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.SnowplowEmitterCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Each actuator concern is configured only when its condition holds. */
class SnowplowActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class,
				SnowplowEndpointAutoConfiguration.class, SnowplowHealthAutoConfiguration.class,
				SnowplowMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("snowplow.namespace=shop");

	@Test
	void theEndpointExistsOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SnowplowEndpoint.class)
			.doesNotHaveBean(SnowplowEndpointWebExtension.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=snowplow")
			.run((context) -> assertThat(context).hasSingleBean(SnowplowEndpoint.class)
				.hasSingleBean(SnowplowEndpointWebExtension.class));
	}

	@Test
	void theEndpointIsGoneWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=snowplow",
					"management.endpoint.snowplow.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SnowplowEndpoint.class));
	}

	@Test
	void theHealthIndicatorIsOnByDefaultAndCanBeTurnedOff() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SnowplowHealthIndicator.class)
			.hasBean("snowplowHealthIndicator"));
		this.runner.withPropertyValues("management.health.snowplow.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SnowplowHealthIndicator.class));
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SnowplowHealthIndicator.class));
	}

	@Test
	void withoutSpringBootHealthThereIsNoIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SnowplowHealthIndicator.class));
	}

	@Test
	void metricsAreBoundWhenMicrometerIsPresent() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SnowplowMetrics.class)
			.hasBean("snowplowSendTimerCustomizer"));
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class,
					SnowplowMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("snowplow.namespace=shop")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SnowplowMetrics.class)
				.doesNotHaveBean(SnowplowEmitterCustomizer.class));
	}

	@Test
	void withoutTheActuatorTheTrackerStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("management.endpoints.web.exposure.include=snowplow")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(io.github.snowplowspring.tracker.Tracker.class)
				.doesNotHaveBean(SnowplowEndpoint.class));
	}

}
