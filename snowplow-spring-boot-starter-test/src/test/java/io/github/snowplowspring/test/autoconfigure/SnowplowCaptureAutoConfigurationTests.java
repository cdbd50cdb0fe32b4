package io.github.snowplowspring.test.autoconfigure;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.InvalidSnowplowConfigurationException;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.test.CapturingEmitter;
import io.github.snowplowspring.tracker.Tracker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SnowplowCaptureAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SnowplowCaptureAutoConfiguration.class, SnowplowAutoConfiguration.class))
		.withPropertyValues("snowplow.namespace=shop");

	@Test
	void configuredEmittersAreNotBuiltEvenThoseThatCouldNotBe() {
		// A redis emitter needs a RedisConnectionFactory, which this context does not have.
		this.runner.withPropertyValues("snowplow.emitters.collector.endpoint=collector.example.com",
				"snowplow.emitters.store.type=redis")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EmitterRegistry.class).names()).containsExactly("snowplowCapturingEmitter");
				assertThat(context.getBean(Tracker.class).emitters())
					.containsExactly(context.getBean(CapturingEmitter.class));
			});
	}

	@Test
	void workersAreNotRun() {
		this.runner.withPropertyValues("snowplow.emitters.collector.endpoint=collector.example.com",
				"snowplow.worker.enabled=true", "snowplow.worker.send-to=collector", "snowplow.worker.list.key=events")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EmitterRegistry.class).sendTargets()).isEmpty();
			});
	}

	@Test
	void aCapturingEmitterOfTheTestIsUsedInsteadOfAnother() {
		this.runner.withUserConfiguration(OwnCapturingEmitter.class).run((context) -> {
			assertThat(context).hasSingleBean(CapturingEmitter.class);
			assertThat(context.getBean(Tracker.class).emitters()).containsExactly(context.getBean("mine", CapturingEmitter.class));
		});
	}

	@Test
	void theNamespaceIsStillRequiredAsInProduction() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SnowplowCaptureAutoConfiguration.class, SnowplowAutoConfiguration.class))
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(InvalidSnowplowConfigurationException.class)
				.rootCause()
				.hasMessageContaining("snowplow.namespace"));
	}

	@Test
	void aDisabledTrackerSendsToNoEmitterSoNothingIsCaptured() {
		this.runner.withPropertyValues("snowplow.enabled=false")
			.run((context) -> assertThat(context.getBean(Tracker.class).emitters()).isEmpty());
	}

	@Test
	void withoutTheAutoConfigurationTheConfiguredEmittersAreBuilt() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class))
			.withPropertyValues("snowplow.namespace=shop", "snowplow.emitters.collector.type=sync",
					"snowplow.emitters.collector.endpoint=collector.example.com")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CapturingEmitter.class);
				assertThat(context.getBean(EmitterRegistry.class).names()).containsExactly("collector");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCapturingEmitter {

		@Bean
		CapturingEmitter mine() {
			return new CapturingEmitter();
		}

	}

}
