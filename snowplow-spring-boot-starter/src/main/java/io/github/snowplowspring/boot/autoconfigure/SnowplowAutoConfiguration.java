package io.github.snowplowspring.boot.autoconfigure;

import java.time.Duration;

import io.github.snowplowspring.tracker.Platform;
import io.github.snowplowspring.tracker.Subject;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.context.ContextProvider;
import io.github.snowplowspring.tracker.context.SubjectProvider;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.EmitterListener;
import io.github.snowplowspring.tracker.payload.DataSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the Snowplow {@link Tracker}: the emitters under
 * {@code snowplow.emitters} in an {@link EmitterRegistry}, the tracker that sends to them, and
 * the lifecycle that runs their timers and the final flush.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
		"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnClass(Tracker.class)
@EnableConfigurationProperties(SnowplowProperties.class)
@Import(RestClientTransportConfiguration.class)
public final class SnowplowAutoConfiguration {

	/** How long closing an emitter may still spend sending, after the final flush. */
	static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConditionalOnMissingBean(name = "snowplowHttpEmitterFactory")
	EmitterFactory snowplowHttpEmitterFactory(ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<RestClientTransportFactory> restClientTransports,
			ObjectProvider<SnowplowHttpTransportCustomizer> customizers) {
		return new HttpEmitterFactory(sslBundles.getIfAvailable(), restClientTransports.getIfAvailable(),
				customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	EmitterRegistry snowplowEmitterRegistry(SnowplowProperties properties, ObjectProvider<EmitterFactory> factories,
			ObjectProvider<EmitterListener> listeners, ObjectProvider<SnowplowEmitterCustomizer> customizers,
			ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> executorBuilder,
			ObjectProvider<SimpleAsyncTaskExecutorBuilder> virtualExecutorBuilder,
			ConfigurableListableBeanFactory beanFactory, Environment environment,
			ApplicationEventPublisher publisher) {
		return new ConfiguredEmitters(properties, factories.orderedStream().toList(),
				listeners.orderedStream().toList(), customizers.orderedStream().toList(),
				schedulerBuilder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new),
				executorBuilder.getIfAvailable(ThreadPoolTaskExecutorBuilder::new),
				virtualExecutorBuilder.getIfAvailable(SimpleAsyncTaskExecutorBuilder::new), environment, CLOSE_TIMEOUT)
			.build(beanFactory, publisher);
	}

	// The registry closes the emitters; the tracker must not close beans of the application's.
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	Tracker snowplowTracker(SnowplowProperties properties, EmitterRegistry registry,
			ObjectProvider<SnowplowTrackerCustomizer> customizers, ObjectProvider<ContextProvider> contextProviders,
			ObjectProvider<SubjectProvider> subjectProvider, ObjectProvider<DataSerializer> dataSerializer) {
		String namespace = properties.getNamespace();
		if (properties.isEnabled() && (namespace == null || namespace.isBlank())) {
			throw new InvalidSnowplowConfigurationException("snowplow.namespace", null,
					"the tracker namespace (tna) is required",
					"Set snowplow.namespace to a name for this tracker, such as your application's name, "
							+ "or set snowplow.enabled=false.");
		}
		Tracker.Builder builder;
		try {
			builder = Tracker.builder((namespace != null && !namespace.isBlank()) ? namespace : "disabled");
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSnowplowConfigurationException("snowplow.namespace", namespace, ex.getMessage(),
					"Use a namespace without ':' or ';'.", ex);
		}
		builder.appId(properties.getAppId())
			.platform(platform(properties.getPlatform()))
			.base64(properties.isBase64())
			.subject(subject(properties.getSubject()))
			.subjectProvider(subjectProvider.getIfUnique())
			.dataSerializer(dataSerializer.getIfUnique(() -> DataSerializer.DEFAULT));
		for (String name : registry.names()) {
			Emitter emitter = registry.get(name);
			if (registry.trackerEmitters().contains(emitter)) {
				builder.emitter(emitter, registry.filter(name));
			}
		}
		contextProviders.orderedStream().forEach(builder::contextProvider);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SnowplowLifecycle snowplowLifecycle(EmitterRegistry registry, Environment environment) {
		Duration phaseTimeout = Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
		// Leave a moment of the phase for the rest of the shutdown.
		Duration finalFlush = phaseTimeout.minusSeconds(1);
		return new SnowplowLifecycle(registry, finalFlush.isNegative() || finalFlush.isZero() ? phaseTimeout : finalFlush);
	}

	private static Platform platform(String platform) {
		try {
			return Platform.of(platform);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSnowplowConfigurationException("snowplow.platform", platform, "not a Snowplow platform",
					"Set it to one of web, mob, pc, srv, app, tv, cnsl, iot.", ex);
		}
	}

	private static Subject subject(SnowplowProperties.Subject properties) {
		Subject subject = Subject.builder()
			.userId(properties.getUserId())
			.timezone(properties.getTimezone())
			.language(properties.getLanguage())
			.ipAddress(properties.getIpAddress())
			.userAgent(properties.getUserAgent())
			.domainUserId(properties.getDomainUserId())
			.networkUserId(properties.getNetworkUserId())
			.build();
		return subject.equals(Subject.EMPTY) ? null : subject;
	}

}
