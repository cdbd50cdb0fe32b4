package io.github.snowplowspring.boot.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;
import io.github.snowplowspring.boot.tracing.SnowplowTracingAutoConfiguration;
import io.github.snowplowspring.boot.tracing.TraceContextProvider;
import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.context.ContextProvider;
import io.github.snowplowspring.tracker.context.EventFilter;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.payload.Payload;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing events to different collectors, context provider beans, and the trace entity. */
class RoutingAndContextTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SnowplowTracingAutoConfiguration.class, SnowplowAutoConfiguration.class))
		.withPropertyValues("snowplow.namespace=shop");

	@Test
	void eachCollectorReceivesTheEventsItsRouteAccepts() {
		try (LoopbackCollector pages = LoopbackCollector.start(); LoopbackCollector acme = LoopbackCollector.start();
				LoopbackCollector rest = LoopbackCollector.start()) {
			this.runner
				.withBean("checkoutsOnly", EventFilter.class,
						() -> (event) -> (event instanceof Structured structured) && structured.category().equals("checkout"))
				.withPropertyValues(sync("pages", pages))
				.withPropertyValues(sync("acme", acme))
				.withPropertyValues(sync("checkouts", rest))
				.withPropertyValues("snowplow.emitters.pages.route.event-types=pv,pp",
						"snowplow.emitters.acme.route.schemas=iglu:com.acme/",
						"snowplow.emitters.checkouts.route.filter=checkoutsOnly")
				.run((context) -> {
					Tracker tracker = context.getBean(Tracker.class);
					String pageView = tracker.track(PageView.builder("https://shop.example/").build());
					String acmeEvent = tracker
						.track(SelfDescribing.builder("iglu:com.acme/thing/jsonschema/1-0-0", Map.of("a", 1)).build());
					String checkout = tracker.track(Structured.builder("checkout", "pay").build());
					tracker.track(Structured.builder("cart", "add").build());
					assertThat(pages.uniqueEventIds()).containsExactly(pageView);
					assertThat(acme.uniqueEventIds()).containsExactly(acmeEvent);
					assertThat(rest.uniqueEventIds()).containsExactly(checkout);
				});
		}
	}

	@Test
	void contextProviderBeansAddTheirEntitiesToEveryEvent() {
		List<Payload> captured = new CopyOnWriteArrayList<>();
		this.runner.withBean("captured", Emitter.class, () -> captured::add)
			.withBean(ContextProvider.class, () -> (event) -> List
				.of(SelfDescribingJson.of("iglu:com.acme/tenant/jsonschema/1-0-0", Map.of("tenant", "eu"))))
			.run((context) -> {
				context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				assertThat(decode(captured.get(0).get("cx"))).contains("\"tenant\":\"eu\"");
			});
	}

	@Test
	void eventsTrackedInsideASpanCarryTheTraceEntity() {
		List<Payload> captured = new CopyOnWriteArrayList<>();
		SimpleTracer simpleTracer = new SimpleTracer();
		this.runner.withBean("captured", Emitter.class, () -> captured::add)
			.withBean(Tracer.class, () -> simpleTracer)
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceContextProvider.class);
				Tracker tracker = context.getBean(Tracker.class);
				tracker.track(PageView.builder("https://shop.example/outside").build());
				Span span = simpleTracer.nextSpan().name("checkout").start();
				try (Tracer.SpanInScope scope = simpleTracer.withSpan(span)) {
					tracker.track(PageView.builder("https://shop.example/inside").build());
				}
				finally {
					span.end();
				}
				assertThat(captured.get(0).get("cx")).isNull();
				String contexts = decode(captured.get(1).get("cx"));
				assertThat(contexts).contains(TraceContextProvider.SCHEMA)
					.contains("\"traceId\":\"" + span.context().traceId() + "\"")
					.contains("\"spanId\":\"" + span.context().spanId() + "\"");
				assertThat(PayloadValidator.create().validateEvent(captured.get(1).toMap()).violations()).isEmpty();
			});
	}

	@Test
	void withoutATracerThereIsNoTraceEntity() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TraceContextProvider.class));
	}

	private static String[] sync(String name, LoopbackCollector collector) {
		return new String[] { "snowplow.emitters." + name + ".type=sync",
				"snowplow.emitters." + name + ".endpoint=" + collector.uri(),
				"snowplow.emitters." + name + ".buffer-size=1" };
	}

	private static String decode(String base64) {
		return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
	}

}
