package io.github.snowplowspring.boot.localcollector;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.InvalidSnowplowConfigurationException;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.boot.autoconfigure.SnowplowProperties;
import io.github.snowplowspring.iglu.IgluResolver;
import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.Emitter;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of the {@link LocalCollector}, when
 * {@code snowplow.local-collector.enabled=true}. The tracker's beans depend on it, so that its
 * port is published before their endpoints are resolved, and so that it closes only after they
 * have delivered what they hold.
 */
@AutoConfiguration(before = SnowplowAutoConfiguration.class)
@ConditionalOnBooleanProperty("snowplow.local-collector.enabled")
@EnableConfigurationProperties(LocalCollectorProperties.class)
public final class LocalCollectorAutoConfiguration {

	// Accepts both base64 alphabets in cx/ue_px, as the pipeline does.
	@Bean
	@ConditionalOnMissingBean
	PayloadValidator snowplowLocalCollectorValidator(ResourceLoader resourceLoader) {
		IgluResolver.Builder resolver = IgluResolver.builder();
		if (resourceLoader.getClassLoader() != null) {
			resolver.classLoader(resourceLoader.getClassLoader());
		}
		return PayloadValidator.builder().resolver(resolver.build()).acceptStandardBase64(true).build();
	}

	@Bean
	@ConditionalOnMissingBean
	LocalCollector snowplowLocalCollector(LocalCollectorProperties properties, PayloadValidator validator) {
		if (properties.getMaxEvents() < 1) {
			throw new InvalidSnowplowConfigurationException("snowplow.local-collector.max-events",
					properties.getMaxEvents(), "the local collector must keep at least one event",
					"Set it to 1 or more.");
		}
		if (properties.getPort() < 0 || properties.getPort() > 65535) {
			throw new InvalidSnowplowConfigurationException("snowplow.local-collector.port", properties.getPort(),
					"not a port", "Set it to a port from 1 to 65535, or 0 for a free one.");
		}
		DataSize maxBodySize = properties.getMaxBodySize();
		if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > LocalCollector.MAX_BODY_BYTES) {
			throw new InvalidSnowplowConfigurationException("snowplow.local-collector.max-body-size", maxBodySize,
					"not a body size the local collector can hold", "Set it to a size from 1B to 1GB, such as 10MB.");
		}
		try {
			return new LocalCollector(validator, properties.getAddress(), properties.getPort(),
					properties.getMaxEvents(), maxBodySize.toBytes());
		}
		catch (UncheckedIOException ex) {
			throw new InvalidSnowplowConfigurationException("snowplow.local-collector.port", properties.getPort(),
					"the local collector cannot listen on it: " + ex.getCause().getMessage(),
					"Set it to a free port, or to 0 for any free one (published as " + LocalCollector.PORT_PROPERTY
							+ "), or stop what uses the port.",
					ex);
		}
	}

	@Bean
	static BeanFactoryPostProcessor snowplowLocalCollectorDependencies() {
		return new TrackerBeansDependOnCollector();
	}

	/**
	 * Makes the beans that resolve or send to the collector's endpoint depend on it: made after
	 * it, so that {@value LocalCollector#PORT_PROPERTY} is set when their properties are bound;
	 * destroyed before it, so that closing the emitters still delivers to it.
	 */
	static final class TrackerBeansDependOnCollector implements BeanFactoryPostProcessor, Ordered {

		private static final List<Class<?>> DEPENDENT_TYPES = List.of(SnowplowProperties.class, EmitterRegistry.class,
				Emitter.class, Tracker.class);

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			String[] collectors = beanFactory.getBeanNamesForType(LocalCollector.class, true, false);
			if (collectors.length == 0) {
				return;
			}
			for (Class<?> type : DEPENDENT_TYPES) {
				for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
					if (beanFactory.containsBeanDefinition(name)) {
						BeanDefinition definition = beanFactory.getBeanDefinition(name);
						Set<String> dependsOn = new LinkedHashSet<>();
						if (definition.getDependsOn() != null) {
							dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
						}
						dependsOn.addAll(Arrays.asList(collectors));
						definition.setDependsOn(dependsOn.toArray(String[]::new));
					}
				}
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
