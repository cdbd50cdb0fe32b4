package io.github.snowplowspring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import io.github.snowplowspring.tracker.context.EventFilter;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.EmitterListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Builds the {@link EmitterRegistry}: one emitter per {@code snowplow.emitters} entry, by the
 * factory of its type, then every {@link Emitter} bean of the application under its bean name.
 * Threads come from Spring Boot's task builders, so the application's task decorators and
 * customizers apply, with our own sizes and names.
 */
final class ConfiguredEmitters {

	private static final Logger logger = LoggerFactory.getLogger(ConfiguredEmitters.class);

	static final Set<String> TYPES = Set.of("sync", "async", "redis", "queue");

	private final SnowplowProperties properties;

	private final List<EmitterFactory> factories;

	private final List<EmitterListener> listeners;

	private final List<SnowplowEmitterCustomizer> customizers;

	private final ThreadPoolTaskSchedulerBuilder schedulerBuilder;

	private final ThreadPoolTaskExecutorBuilder executorBuilder;

	private final SimpleAsyncTaskExecutorBuilder virtualExecutorBuilder;

	private final Environment environment;

	private final Duration closeTimeout;

	private final List<AutoCloseable> resources = new ArrayList<>();

	ConfiguredEmitters(SnowplowProperties properties, List<EmitterFactory> factories, List<EmitterListener> listeners,
			List<SnowplowEmitterCustomizer> customizers, ThreadPoolTaskSchedulerBuilder schedulerBuilder,
			ThreadPoolTaskExecutorBuilder executorBuilder, SimpleAsyncTaskExecutorBuilder virtualExecutorBuilder,
			Environment environment, Duration closeTimeout) {
		this.properties = properties;
		this.factories = factories;
		this.listeners = listeners;
		this.customizers = customizers;
		this.schedulerBuilder = schedulerBuilder;
		this.executorBuilder = executorBuilder;
		this.virtualExecutorBuilder = virtualExecutorBuilder;
		this.environment = environment;
		this.closeTimeout = closeTimeout;
	}

	EmitterRegistry build(ListableBeanFactory beanFactory, ApplicationEventPublisher publisher) {
		Map<String, EmitterRegistry.Registered> emitters = new LinkedHashMap<>();
		Map<String, EmitterRegistry.SendTarget> sendTargets = new LinkedHashMap<>();
		if (!this.properties.isEnabled()) {
			logger.info("Snowplow tracking is disabled (snowplow.enabled=false): events are accepted and not sent");
			return new EmitterRegistry(emitters, sendTargets, this.resources, publisher);
		}
		try {
			String sendTo = sendTo();
			if (!this.properties.getEmitters().isEmpty()) {
				EmitterContext context = new EmitterContext(CompositeEmitterListener.of(this.listeners), scheduler(),
						this::senders, this.customizers, this.closeTimeout);
				this.properties.getEmitters().forEach((name, emitter) -> {
					String type = type(name, emitter);
					EmitterFactory factory = factory(name, type);
					if (name.equals(sendTo)) {
						// Only the workers send with it: no buffer, threads or timer of its own, and never
						// attached to the tracker, so no event is sent twice.
						io.github.snowplowspring.tracker.transport.Transport transport = ((HttpEmitterFactory) factory)
							.transport(name, emitter);
						this.resources.add(transport);
						sendTargets.put(name, new EmitterRegistry.SendTarget(emitter, (batchSize) -> HttpEmitterFactory
							.workerEmitter(name, emitter, context, batchSize, transport)));
					}
					else {
						emitters.put(name, new EmitterRegistry.Registered(factory.create(name, emitter, context), type,
								true, true, filter(name, emitter.getRoute(), beanFactory)));
					}
				});
			}
			for (String beanName : beanFactory.getBeanNamesForType(Emitter.class, true, false)) {
				if (emitters.containsKey(beanName)) {
					throw new InvalidSnowplowConfigurationException("snowplow.emitters." + beanName, null,
							"an Emitter bean is also named '" + beanName + "'",
							"Rename the configured emitter or the bean: every emitter needs its own name.");
				}
				emitters.put(beanName, new EmitterRegistry.Registered(beanFactory.getBean(beanName, Emitter.class),
						"custom", true, false));
			}
		}
		catch (RuntimeException ex) {
			// Release what was built before the failure: threads must not outlive a failed startup.
			new EmitterRegistry(emitters, sendTargets, this.resources, publisher).destroy();
			throw ex;
		}
		if (emitters.isEmpty()) {
			logger.warn("No Snowplow emitter is configured: tracked events go nowhere. Add one under snowplow.emitters");
		}
		return new EmitterRegistry(emitters, sendTargets, this.resources, publisher);
	}

	/** The emitter the workers send with, checked: it must be an HTTP emitter defined here. */
	private @org.jspecify.annotations.Nullable String sendTo() {
		SnowplowProperties.Worker worker = this.properties.getWorker();
		if (!worker.isEnabled()) {
			return null;
		}
		String sendTo = worker.getSendTo();
		if (sendTo == null || sendTo.isBlank()) {
			throw new InvalidSnowplowConfigurationException("snowplow.worker.send-to", null,
					"workers need an HTTP emitter to send with",
					"Set snowplow.worker.send-to to the name of a sync or async emitter under snowplow.emitters.");
		}
		SnowplowProperties.EmitterProperties target = this.properties.getEmitters().get(sendTo);
		if (target == null || !Set.of("sync", "async").contains(type(sendTo, target))) {
			throw new InvalidSnowplowConfigurationException("snowplow.worker.send-to", sendTo,
					(target == null) ? "no emitter of that name is configured" : "it is a " + target.getType() + " emitter",
					"Name a sync or async emitter defined under snowplow.emitters, for example "
							+ "snowplow.emitters.collector.type=async with its endpoint.");
		}
		if (this.factories.stream().noneMatch((factory) -> factory.supports("redis"))) {
			throw new InvalidSnowplowConfigurationException("snowplow.worker.enabled", true,
					"workers drain Redis, and there is no RedisConnectionFactory bean",
					"Add spring-boot-starter-data-redis and configure the connection under spring.data.redis, "
							+ "or set snowplow.worker.enabled=false.");
		}
		if (worker.getClaimTimeout().compareTo(target.getRequestTimeout()) <= 0) {
			throw new InvalidSnowplowConfigurationException("snowplow.worker.claim-timeout", worker.getClaimTimeout(),
					"not longer than snowplow.emitters." + sendTo + ".request-timeout (" + target.getRequestTimeout()
							+ "), so a live worker could be taken for dead",
					"Set snowplow.worker.claim-timeout well above the request timeout, for example 60s.");
		}
		return sendTo;
	}

	/** The events an emitter receives: any of the types or schemas, and the named filter bean. */
	private static EventFilter filter(String name, SnowplowProperties.Route route, ListableBeanFactory beanFactory) {
		String prefix = "snowplow.emitters." + name + ".route.";
		EventFilter filter = null;
		if (!route.getEventTypes().isEmpty()) {
			try {
				filter = EventFilter.types(route.getEventTypes().toArray(String[]::new));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSnowplowConfigurationException(prefix + "event-types", route.getEventTypes(),
						ex.getMessage(), "List event types among pv, pp, se, ue and tr.", ex);
			}
		}
		if (!route.getSchemas().isEmpty()) {
			EventFilter schemas = EventFilter.schemas(route.getSchemas().toArray(String[]::new));
			filter = (filter != null) ? filter.or(schemas) : schemas;
		}
		if (route.getFilter() != null) {
			EventFilter bean;
			try {
				bean = beanFactory.getBean(route.getFilter(), EventFilter.class);
			}
			catch (org.springframework.beans.BeansException ex) {
				throw new InvalidSnowplowConfigurationException(prefix + "filter", route.getFilter(),
						"no EventFilter bean of that name", "Define an EventFilter bean of that name, or fix the name.",
						ex);
			}
			filter = (filter != null) ? filter.and(bean) : bean;
		}
		return (filter != null) ? filter : EventFilter.ALL;
	}

	private static String type(String name, SnowplowProperties.EmitterProperties emitter) {
		String type = (emitter.getType() != null) ? emitter.getType().trim().toLowerCase(Locale.ROOT) : "";
		if (!TYPES.contains(type)) {
			throw new InvalidSnowplowConfigurationException("snowplow.emitters." + name + ".type", emitter.getType(),
					"not an emitter type", "Set it to one of sync, async, redis or queue.");
		}
		emitter.setType(type);
		return type;
	}

	private EmitterFactory factory(String name, String type) {
		for (EmitterFactory factory : this.factories) {
			if (factory.supports(type)) {
				return factory;
			}
		}
		throw new InvalidSnowplowConfigurationException("snowplow.emitters." + name + ".type", type,
				"a " + type + " emitter needs a RedisConnectionFactory bean, and there is none",
				"Add spring-boot-starter-data-redis and configure the connection under spring.data.redis, "
						+ "or use a sync or async emitter.");
	}

	private java.util.concurrent.ScheduledExecutorService scheduler() {
		ThreadPoolTaskScheduler scheduler = this.schedulerBuilder.poolSize(2)
			.threadNamePrefix("snowplow-timer-")
			.awaitTermination(false)
			.build();
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		this.resources.add(scheduler::shutdown);
		return scheduler.getScheduledExecutor();
	}

	/** Sender threads for one async emitter: virtual when the application runs on virtual threads. */
	private Executor senders(String emitterName, int threadCount) {
		String prefix = "snowplow-" + emitterName + "-sender-";
		if (Threading.VIRTUAL.isActive(this.environment)) {
			SimpleAsyncTaskExecutor executor = this.virtualExecutorBuilder.virtualThreads(true)
				.threadNamePrefix(prefix)
				.concurrencyLimit(threadCount)
				.build();
			this.resources.add(executor);
			return executor;
		}
		// Our own size, queue and names: the application's spring.task.execution pool settings must not apply.
		ThreadPoolTaskExecutor executor = this.executorBuilder.corePoolSize(threadCount)
			.maxPoolSize(threadCount)
			.queueCapacity(threadCount)
			.allowCoreThreadTimeOut(false)
			.threadNamePrefix(prefix)
			.awaitTermination(false)
			.build();
		executor.setDaemon(true);
		executor.initialize();
		this.resources.add(executor::shutdown);
		return executor;
	}

}
