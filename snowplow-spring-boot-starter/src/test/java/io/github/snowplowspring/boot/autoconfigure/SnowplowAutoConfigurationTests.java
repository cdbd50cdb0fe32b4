package io.github.snowplowspring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.snowplowspring.boot.http.RestClientTransport;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.tracker.Platform;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.EmitterListener;
import io.github.snowplowspring.tracker.emitter.FlushResult;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.http.HttpTransport;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class SnowplowAutoConfigurationTests {

	private final LoopbackCollector collector = LoopbackCollector.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class))
		.withPropertyValues("snowplow.namespace=shop");

	@AfterEach
	void stopCollector() {
		this.collector.close();
	}

	@Test
	void defaultsGiveATrackerWithTheNamespaceAndNoEmitter() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Tracker.class).hasSingleBean(EmitterRegistry.class)
				.hasSingleBean(SnowplowLifecycle.class);
			Tracker tracker = context.getBean(Tracker.class);
			assertThat(tracker.namespace()).isEqualTo("shop");
			assertThat(tracker.platform()).isEqualTo(Platform.SERVER);
			assertThat(tracker.base64()).isTrue();
			assertThat(tracker.emitters()).isEmpty();
		});
	}

	@Test
	void trackerPropertiesAreApplied() {
		this.runner
			.withPropertyValues("snowplow.app-id=shop-web", "snowplow.platform=web", "snowplow.base64=false",
					"snowplow.subject.user-id=u1", "snowplow.subject.timezone=Europe/Paris",
					"snowplow.subject.language=fr")
			.run((context) -> {
				Tracker tracker = context.getBean(Tracker.class);
				assertThat(tracker.appId()).isEqualTo("shop-web");
				assertThat(tracker.platform()).isEqualTo(Platform.WEB);
				assertThat(tracker.base64()).isFalse();
				assertThat(tracker.subject().userId()).isEqualTo("u1");
				assertThat(tracker.subject().timezone()).isEqualTo("Europe/Paris");
				assertThat(tracker.subject().language()).isEqualTo("fr");
			});
	}

	@Test
	void anAsyncEmitterSendsToTheCollectorOnItsOwnThreads() {
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.buffer-size=2",
				"snowplow.emitters.collector.thread-count=2")
			.run((context) -> {
				BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("collector");
				assertThat(emitter.isAsync()).isTrue();
				assertThat(emitter.flushInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(context.getBean(Tracker.class).emitters()).containsExactly(emitter);
				Tracker tracker = context.getBean(Tracker.class);
				String id = tracker.track(PageView.builder("https://shop.example/").build());
				assertThat(this.collector.awaitUniqueEvents(1, Duration.ofSeconds(10))).containsExactly(id);
				assertThat(this.collector.requests().get(0).method()).isEqualTo("POST");
			});
	}

	@Test
	void aSyncEmitterSendsOnTheCallersThreadWithNoTimer() {
		this.runner.withPropertyValues(emitter("collector", "sync")).withPropertyValues("snowplow.emitters.collector.method=get")
			.run((context) -> {
				BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("collector");
				assertThat(emitter.isAsync()).isFalse();
				assertThat(emitter.hasFlushInterval()).isFalse();
				context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				// buffer-size defaults to 1 for get: sent before track() returned
				assertThat(this.collector.requests()).singleElement()
					.satisfies((request) -> assertThat(request.method()).isEqualTo("GET"));
			});
	}

	@Test
	void everyEmitterPropertyIsApplied() {
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.buffer-size=7",
				"snowplow.emitters.collector.byte-limit=40KB", "snowplow.emitters.collector.flush-interval=250ms",
				"snowplow.emitters.collector.buffer-capacity=3", "snowplow.emitters.collector.overflow=drop-oldest",
				"snowplow.emitters.collector.headers.X-Api-Key=secret",
				"snowplow.emitters.collector.retry.custom-codes.404=false")
			.run((context) -> {
				BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("collector");
				assertThat(emitter.flushInterval()).isEqualTo(Duration.ofMillis(250));
				Tracker tracker = context.getBean(Tracker.class);
				for (int i = 0; i < 5; i++) {
					tracker.track(PageView.builder("https://shop.example/" + i).build());
				}
				// capacity 3 with drop-oldest: the two oldest went; the timer delivers the rest
				assertThat(emitter.stats().dropped()).containsEntry(
						io.github.snowplowspring.tracker.emitter.DropReason.BUFFER_FULL, 2L);
				this.collector.awaitUniqueEvents(3, Duration.ofSeconds(5));
				assertThat(this.collector.requests().get(0).header("X-Api-Key")).isEqualTo("secret");
			});
	}

	@Test
	void severalEmittersEachGetEveryEvent() {
		try (LoopbackCollector second = LoopbackCollector.start()) {
			this.runner
				.withPropertyValues(emitter("first", "sync"))
				.withPropertyValues("snowplow.emitters.second.type=sync",
						"snowplow.emitters.second.endpoint=" + second.uri(), "snowplow.emitters.second.buffer-size=1",
						"snowplow.emitters.first.buffer-size=1")
				.run((context) -> {
					assertThat(context.getBean(EmitterRegistry.class).names()).containsExactly("first", "second");
					String id = context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
					assertThat(this.collector.uniqueEventIds()).containsExactly(id);
					assertThat(second.uniqueEventIds()).containsExactly(id);
				});
		}
	}

	@Test
	void aUserEmitterBeanIsAddedBesideTheConfiguredOnes() {
		this.runner.withUserConfiguration(UserEmitterConfiguration.class).withPropertyValues(emitter("collector", "sync"))
			.run((context) -> {
				EmitterRegistry registry = context.getBean(EmitterRegistry.class);
				assertThat(registry.names()).containsExactly("collector", "auditEmitter");
				assertThat(registry.type("auditEmitter")).isEqualTo("custom");
				context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				assertThat(context.getBean(UserEmitterConfiguration.class).received).hasSize(1);
			});
	}

	@Test
	void aUserEmitterBeanWithAConfiguredNameFailsStartup() {
		this.runner.withUserConfiguration(UserEmitterConfiguration.class)
			.withPropertyValues(emitter("auditEmitter", "sync"))
			.run((context) -> assertFailure(context, "snowplow.emitters.auditEmitter",
					"an Emitter bean is also named 'auditEmitter'"));
	}

	@Test
	void aUserTrackerBacksOffOurs() {
		this.runner.withUserConfiguration(UserTrackerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Tracker.class);
			assertThat(context.getBean(Tracker.class).namespace()).isEqualTo("mine");
		});
	}

	@Test
	void customizersAreApplied() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class).withPropertyValues(emitter("collector", "async"))
			.run((context) -> {
				Tracker tracker = context.getBean(Tracker.class);
				assertThat(tracker.appId()).isEqualTo("customized");
				BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("collector");
				assertThat(emitter.flushInterval()).isEqualTo(Duration.ofMillis(123));
				tracker.track(PageView.builder("https://shop.example/").build());
				this.collector.awaitUniqueEvents(1, Duration.ofSeconds(5));
				assertThat(this.collector.requests().get(0).header("X-Customized")).isEqualTo("collector");
			});
	}

	@Test
	void listenerBeansHearEveryConfiguredEmitter() {
		this.runner.withUserConfiguration(ListenerConfiguration.class)
			.withPropertyValues(emitter("collector", "sync")).withPropertyValues("snowplow.emitters.collector.buffer-size=1")
			.run((context) -> {
				String id = context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				assertThat(context.getBean(ListenerConfiguration.class).sent).containsExactly(id);
			});
	}

	@Test
	void flushResultsArePublishedAsApplicationEvents() {
		this.runner.withUserConfiguration(FlushEventConfiguration.class)
			.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.buffer-size=100")
			.run((context) -> {
				context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				Map<String, FlushResult> results = context.getBean(EmitterRegistry.class).flushAll(Duration.ofSeconds(5));
				assertThat(results).containsEntry("collector", new FlushResult(1, 0, 0));
				assertThat(context.getBean(FlushEventConfiguration.class).events).singleElement()
					.satisfies((event) -> assertThat(event.getResults()).isEqualTo(results));
			});
	}

	@Test
	void disabledGivesATrackerThatSendsNothing() {
		this.runner.withPropertyValues(emitter("collector", "sync"))
			.withPropertyValues("snowplow.enabled=false", "snowplow.namespace=", "snowplow.emitters.collector.buffer-size=1")
			.run((context) -> {
				Tracker tracker = context.getBean(Tracker.class);
				assertThat(tracker.emitters()).isEmpty();
				assertThat(tracker.track(PageView.builder("https://shop.example/").build())).isNotBlank();
				assertThat(this.collector.requests()).isEmpty();
			});
	}

	@Test
	void theFinalFlushRunsWhenTheContextStopsAndTheLifecycleSurvivesAStopAndStart() {
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.buffer-size=100",
				"snowplow.emitters.collector.flush-interval=1h")
			.run((context) -> {
				Tracker tracker = context.getBean(Tracker.class);
				BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("collector");
				tracker.track(PageView.builder("https://shop.example/1").build());
				context.stop();
				assertThat(this.collector.uniqueEventIds()).hasSize(1);
				assertThat(emitter.hasFlushInterval()).isFalse();
				context.start();
				assertThat(emitter.flushInterval()).isEqualTo(Duration.ofHours(1));
				tracker.track(PageView.builder("https://shop.example/2").build());
				context.close();
				assertThat(this.collector.uniqueEventIds()).hasSize(2);
				assertThat(emitter.stats().pending()).isZero();
			});
	}

	@Test
	void closingTheContextStopsEveryThreadTheStarterMade() {
		this.runner.withPropertyValues(emitter("threads", "async")).withPropertyValues("snowplow.emitters.threads.thread-count=2")
			.run((context) -> {
				context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				context.getBean(EmitterRegistry.class).flushAll(Duration.ofSeconds(5));
				assertThat(starterThreads()).isNotEmpty();
				context.close();
				Thread.sleep(200);
				assertThat(starterThreads()).isEmpty();
			});
	}

	@Test
	void bootsOwnTaskExecutorAndSchedulerAreLeftAlone() {
		this.runner.withPropertyValues(emitter("collector", "async")).run((context) -> {
			assertThat(context).hasBean("applicationTaskExecutor");
			assertThat(context.getBeansOfType(TaskExecutor.class)).containsOnlyKeys("applicationTaskExecutor");
			assertThat(context).doesNotHaveBean(TaskScheduler.class);
		});
	}

	@Test
	void restClientEmittersUseACopyOfTheApplicationsBuilder() {
		this.runner.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
			.withUserConfiguration(RestClientCustomizerConfiguration.class)
			.withPropertyValues(emitter("collector", "sync")).withPropertyValues("snowplow.emitters.collector.client=rest-client",
					"snowplow.emitters.collector.buffer-size=1")
			.run((context) -> {
				BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("collector");
				assertThat(emitter.transport()).isInstanceOf(RestClientTransport.class);
				String id = context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				assertThat(this.collector.uniqueEventIds()).containsExactly(id);
				assertThat(this.collector.requests().get(0).header("X-From-Application")).isEqualTo("yes");
			});
	}

	@Test
	void restClientWithoutABuilderBeanFailsWithAnAnalysis() {
		this.runner.withPropertyValues(emitter("collector", "sync")).withPropertyValues("snowplow.emitters.collector.client=rest-client")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.client",
					"no RestClient.Builder bean exists"));
	}

	@Test
	void restClientWithoutSpringWebFailsWithAnAnalysis() {
		this.runner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.withPropertyValues(emitter("collector", "sync")).withPropertyValues("snowplow.emitters.collector.client=rest-client")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.client",
					"Spring's RestClient is not on the class path"));
	}

	@Test
	void withoutSpringWebTheJdkClientStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.withPropertyValues(emitter("collector", "sync"))
			.run((context) -> assertThat(((BatchEmitter) context.getBean(EmitterRegistry.class).get("collector")).transport())
				.isInstanceOf(HttpTransport.class));
	}

	@Test
	void aRedisEmitterWithoutRedisFailsWithAnAnalysis() {
		this.runner.withPropertyValues("snowplow.emitters.store.type=redis")
			.run((context) -> assertFailure(context, "snowplow.emitters.store.type",
					"a redis emitter needs a RedisConnectionFactory bean"));
	}

	@Test
	void aMissingNamespaceFailsWithAnAnalysis() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class))
			.run((context) -> assertFailure(context, "snowplow.namespace", "the tracker namespace (tna) is required"));
	}

	@Test
	void anUnknownTypeFailsWithAnAnalysis() {
		this.runner.withPropertyValues("snowplow.emitters.collector.type=kafka")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.type", "not an emitter type"));
	}

	@Test
	void aBadEndpointFailsWithAnAnalysis() {
		this.runner.withPropertyValues("snowplow.emitters.collector.type=async",
				"snowplow.emitters.collector.endpoint=ftp://collector.example.com")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.endpoint", "scheme 'ftp'"));
		this.runner.withPropertyValues("snowplow.emitters.collector.type=async")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.endpoint",
					"needs the collector's address"));
	}

	@Test
	void negativeSizesFailWithAnAnalysis() {
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.buffer-size=-1")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.buffer-size", "must be at least 1"));
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.thread-count=0")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.thread-count", "must be at least 1"));
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.byte-limit=0B")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.byte-limit", "at least 1 byte"));
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.flush-interval=-5s")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.flush-interval",
					"must not be negative"));
		this.runner.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.retry.max-attempts=0")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.retry.max-attempts",
					"must be at least 1"));
	}

	@Test
	void anUnknownSslBundleFailsWithAnAnalysis() {
		this.runner
			.withConfiguration(AutoConfigurations.of(org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class))
			.withPropertyValues(emitter("collector", "async")).withPropertyValues("snowplow.emitters.collector.ssl-bundle=nope")
			.run((context) -> assertFailure(context, "snowplow.emitters.collector.ssl-bundle", "no SSL bundle"));
	}

	@Test
	void aWorkerSendToThatNamesNoHttpEmitterFailsWithAnAnalysis() {
		this.runner.withPropertyValues("snowplow.worker.enabled=true", "snowplow.worker.send-to=nope")
			.run((context) -> assertFailure(context, "snowplow.worker.send-to", "no emitter of that name is configured"));
		this.runner.withPropertyValues("snowplow.worker.enabled=true")
			.run((context) -> assertFailure(context, "snowplow.worker.send-to", "workers need an HTTP emitter"));
	}

	@Test
	void workersWithoutRedisFailWithAnAnalysis() {
		this.runner.withPropertyValues(emitter("collector", "async"))
			.withPropertyValues("snowplow.worker.enabled=true", "snowplow.worker.send-to=collector")
			.run((context) -> assertFailure(context, "snowplow.worker.enabled", "no RedisConnectionFactory bean"));
	}

	@Test
	void theFailureAnalyzerIsRegistered() {
		assertThat(org.springframework.core.io.support.SpringFactoriesLoader
			.loadFactoryNames(org.springframework.boot.diagnostics.FailureAnalyzer.class, getClass().getClassLoader()))
			.contains(InvalidSnowplowConfigurationFailureAnalyzer.class.getName());
	}

	@Test
	void withoutRedisOnTheClassPathHttpEmittersStillWork() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues(emitter("collector", "async"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Tracker.class));
	}

	@Test
	void anUnknownPlatformFailsWithAnAnalysis() {
		this.runner.withPropertyValues("snowplow.platform=phone")
			.run((context) -> assertFailure(context, "snowplow.platform", "not a Snowplow platform"));
	}

	private String[] emitter(String name, String type) {
		return new String[] { "snowplow.emitters." + name + ".type=" + type,
				"snowplow.emitters." + name + ".endpoint=" + this.collector.uri() };
	}

	private static void assertFailure(AssertableApplicationContext context, String property, String reason) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		InvalidSnowplowConfigurationException cause = findCause(failure);
		assertThat(cause).as("cause of %s", failure).isNotNull();
		FailureAnalysis analysis = new InvalidSnowplowConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Property: " + property).contains(reason);
		assertThat(analysis.getAction()).isNotBlank();
	}

	private static InvalidSnowplowConfigurationException findCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSnowplowConfigurationException invalid) {
				return invalid;
			}
		}
		return null;
	}

	private static Set<String> starterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("snowplow-"))
			.collect(Collectors.toSet());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEmitterConfiguration {

		final List<Payload> received = new ArrayList<>();

		@Bean
		Emitter auditEmitter() {
			return this.received::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTrackerConfiguration {

		@Bean
		Tracker myTracker() {
			return Tracker.builder("mine").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		SnowplowTrackerCustomizer appIdCustomizer() {
			return (builder) -> builder.appId("customized");
		}

		@Bean
		SnowplowEmitterCustomizer intervalCustomizer() {
			return (name, builder) -> builder.flushInterval(Duration.ofMillis(123));
		}

		@Bean
		SnowplowHttpTransportCustomizer headerCustomizer() {
			return (name, builder) -> builder.header("X-Customized", name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		final List<String> sent = new ArrayList<>();

		@Bean
		EmitterListener recordingListener() {
			return new EmitterListener() {
				@Override
				public void onSuccess(List<Payload> payloads) {
					payloads.forEach((payload) -> ListenerConfiguration.this.sent.add(payload.eventId()));
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FlushEventConfiguration {

		final List<SnowplowFlushEvent> events = new ArrayList<>();

		@Bean
		ApplicationListener<SnowplowFlushEvent> flushListener() {
			return this.events::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RestClientCustomizerConfiguration {

		@Bean
		org.springframework.boot.restclient.RestClientCustomizer defaultHeader() {
			return (builder) -> builder.defaultHeader("X-From-Application", "yes");
		}

	}

}
