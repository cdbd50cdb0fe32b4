package io.github.snowplowspring.boot.localcollector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import io.github.snowplowspring.boot.autoconfigure.InvalidSnowplowConfigurationException;
import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.snowplowspring.boot.localcollector.Payloads.CHECKOUT_STEP;
import static org.assertj.core.api.Assertions.assertThat;

class LocalCollectorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LocalCollectorAutoConfiguration.class, SnowplowAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
		.withPropertyValues("snowplow.namespace=shop");

	@Test
	void itIsOffByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(LocalCollector.class)
				.doesNotHaveBean(PayloadValidator.class);
			assertThat(context.getEnvironment().containsProperty(LocalCollector.PORT_PROPERTY)).isFalse();
		});
	}

	@Test
	void thePropertyTurnsItOnOnAFreePortPublishedInTheEnvironment() {
		this.runner.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=0")
			.run((context) -> {
				assertThat(context).hasSingleBean(LocalCollector.class);
				LocalCollector collector = context.getBean(LocalCollector.class);
				assertThat(collector.isRunning()).isTrue();
				assertThat(collector.port()).isPositive();
				assertThat(collector.uri()).isEqualTo(URI.create("http://127.0.0.1:" + collector.port()));
				assertThat(context.getEnvironment().getProperty(LocalCollector.PORT_PROPERTY, Integer.class))
					.isEqualTo(collector.port());
				HttpClient client = HttpClient.newHttpClient();
				assertThat(client.send(HttpRequest.newBuilder(collector.uri().resolve("/")).build(),
						BodyHandlers.ofString()).statusCode()).isEqualTo(200);
			});
	}

	@Test
	void onAnyAddressItIsReachedThroughTheLoopback() {
		this.runner.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=0",
				"snowplow.local-collector.address=0.0.0.0")
			.run((context) -> assertThat(context.getBean(LocalCollector.class).uri().getHost()).isEqualTo("127.0.0.1"));
	}

	@Test
	void theTrackersBeansDependOnItSoThatTheyAreMadeAfterAndDestroyedBeforeIt() {
		this.runner.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=0")
			.run((context) -> {
				String[] collector = context.getBeanNamesForType(LocalCollector.class);
				for (Class<?> type : new Class<?>[] { Tracker.class,
						io.github.snowplowspring.boot.autoconfigure.EmitterRegistry.class,
						io.github.snowplowspring.boot.autoconfigure.SnowplowProperties.class }) {
					String name = context.getBeanNamesForType(type)[0];
					assertThat(context.getBeanFactory().getBeanDefinition(name).getDependsOn()).contains(collector);
				}
			});
	}

	@Test
	void theFinalFlushAndWhatClosingTheEmittersSendsReachIt() {
		this.runner.withUserConfiguration(ShutdownEventConfiguration.class)
			.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=0",
					"snowplow.emitters.main.type=async",
					"snowplow.emitters.main.endpoint=http://127.0.0.1:${local.snowplow-collector.port}",
					// nothing is sent before the final flush
					"snowplow.emitters.main.buffer-size=100", "snowplow.emitters.main.flush-interval=1h")
			.run((context) -> {
				LocalCollector collector = context.getBean(LocalCollector.class);
				ShutdownEvent shutdownEvent = context.getBean(ShutdownEvent.class);
				Tracker tracker = context.getBean(Tracker.class);
				String pageView = tracker.track(PageView.builder("https://shop.example/?q=<b>").title("Shop").build());
				String structured = tracker.track(Structured.builder("basket", "add").label("mug").value(2.0).build());
				String timing = tracker
					.track(Timing.builder("checkout", "load", Duration.ofMillis(120)).label("first").build());
				String selfDescribing = tracker.track(SelfDescribing.builder(CHECKOUT_STEP, Map.of("step", 2))
					.context(SelfDescribingJson.of(CHECKOUT_STEP, Map.of("step", 1)))
					.build());
				Thread.sleep(200);
				assertThat(collector.events()).isEmpty();

				context.close();

				assertThat(collector.isRunning()).isFalse();
				assertThat(shutdownEvent.id).isNotNull();
				assertThat(collector.events()).extracting(CollectedEvent::eventId)
					.containsExactlyInAnyOrder(pageView, structured, timing, selfDescribing, shutdownEvent.id);
				assertThat(collector.events()).allSatisfy((event) -> assertThat(event.violations()).isEmpty());
				assertThat(collector.summary().byType()).containsOnlyKeys("pv", "se", "ue");
				assertThat(portIsFree(collector.port())).isTrue();
			});
	}

	@Test
	void aStoppedContextKeepsItServingAndStartsAgain() {
		this.runner
			.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=0",
					"snowplow.emitters.main.type=async",
					"snowplow.emitters.main.endpoint=http://127.0.0.1:${local.snowplow-collector.port}",
					"snowplow.emitters.main.buffer-size=100", "snowplow.emitters.main.flush-interval=1h")
			.run((context) -> {
				LocalCollector collector = context.getBean(LocalCollector.class);
				Tracker tracker = context.getBean(Tracker.class);
				String first = tracker.track(PageView.builder("https://shop.example/1").build());
				context.stop();
				assertThat(collector.events()).extracting(CollectedEvent::eventId).containsExactly(first);
				context.start();
				assertThat(collector.isRunning()).isTrue();
				String second = tracker.track(PageView.builder("https://shop.example/2").build());
				context.close();
				assertThat(collector.events()).extracting(CollectedEvent::eventId).containsExactly(second, first);
			});
	}

	@Test
	void anApplicationValidatorBeanIsUsed() {
		this.runner.withBean(PayloadValidator.class, PayloadValidator::create)
			.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=0")
			.run((context) -> assertThat(context).hasSingleBean(PayloadValidator.class));
	}

	@Test
	void aPortInUseFailsWithAnAnalysis() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.runner
				.withPropertyValues("snowplow.local-collector.enabled=true",
						"snowplow.local-collector.port=" + taken.getLocalPort())
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause().isInstanceOf(java.net.BindException.class);
					assertThat(context.getStartupFailure()).cause()
						.hasCauseInstanceOf(InvalidSnowplowConfigurationException.class);
					InvalidSnowplowConfigurationException failure = findInvalid(context.getStartupFailure());
					assertThat(failure.getProperty()).isEqualTo("snowplow.local-collector.port");
					assertThat(failure.getAction()).contains("0");
				});
		}
	}

	@Test
	void keepingNoEventsFailsWithAnAnalysis() {
		this.runner.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=0",
				"snowplow.local-collector.max-events=0")
			.run((context) -> assertThat(findInvalid(context.getStartupFailure()).getProperty())
				.isEqualTo("snowplow.local-collector.max-events"));
	}

	@Test
	void aContextThatFailsToStartReleasesThePort() throws IOException {
		int port = freePort();
		this.runner.withPropertyValues("snowplow.local-collector.enabled=true", "snowplow.local-collector.port=" + port,
				"snowplow.namespace=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(findInvalid(context.getStartupFailure()).getProperty()).isEqualTo("snowplow.namespace");
			});
		assertThat(portIsFree(port)).isTrue();
	}

	private static InvalidSnowplowConfigurationException findInvalid(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSnowplowConfigurationException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("no InvalidSnowplowConfigurationException in " + failure);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean portIsFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ShutdownEventConfiguration {

		@Bean
		ShutdownEvent shutdownEvent(Tracker tracker) {
			return new ShutdownEvent(tracker);
		}

	}

	/** Tracks an event when destroyed: after the final flush, before the emitters are closed. */
	static class ShutdownEvent implements DisposableBean {

		private final Tracker tracker;

		volatile String id;

		ShutdownEvent(Tracker tracker) {
			this.tracker = tracker;
		}

		@Override
		public void destroy() {
			this.id = this.tracker.track(Structured.builder("app", "shutdown").build());
		}

	}

}
