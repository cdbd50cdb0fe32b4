package io.github.snowplowspring.sample;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.snowplowspring.boot.localcollector.CollectedEvent;
import io.github.snowplowspring.boot.localcollector.CollectorSummary;
import io.github.snowplowspring.boot.localcollector.LocalCollector;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a newcomer runs it: the shopper simulation sends every event type to the local
 * collector, which holds them all as valid against the Iglu schemas (the sample's own included),
 * records bad requests with their reasons, and shows them on its page.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "snowplow.local-collector.port=0", "sample.simulation.rate=200",
				"snowplow.emitters.main.flush-interval=200ms" })
class LocalCollectorSampleTest {

	@Autowired
	private LocalCollector collector;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theSimulationSendsEveryEventTypeAndAllAreValid() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			CollectorSummary summary = this.collector.summary();
			assertThat(summary.byType()).containsKeys("pv", "pp", "se", "ue", "tr", "ti");
		});
		List<CollectedEvent> bad = this.collector.events(null, false)
			.stream()
			.filter((event) -> "shop".equals(event.parameters().get("tna")))
			.toList();
		assertThat(bad).as("invalid events from the simulation").isEmpty();
		assertThat(this.collector.events(null, true)).hasSizeGreaterThan(10);
	}

	@Test
	void malformedAndSchemaViolatingRequestsAreRecordedAsBadWithReasons() throws Exception {
		post("this is not json");
		post("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[{\"e\":\"ue\","
				+ "\"eid\":\"9c1b7e4e-6a3f-4a4e-9d5c-2f0f0b3f8a11\",\"tv\":\"t\",\"p\":\"srv\",\"ue_pr\":"
				+ "\"{\\\"schema\\\":\\\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\\\","
				+ "\\\"data\\\":{\\\"schema\\\":\\\"iglu:io.github.snowplowspring.sample/checkout_step/jsonschema/1-0-0\\\","
				+ "\\\"data\\\":{\\\"step\\\":99}}}\"}]}");
		HttpResponse<String> events = this.http.send(
				HttpRequest.newBuilder(this.collector.uri().resolve("/events?valid=false")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(events.statusCode()).isEqualTo(200);
		assertThat(events.body()).contains("9c1b7e4e-6a3f-4a4e-9d5c-2f0f0b3f8a11")
			.contains("must have a maximum value of 10")
			.contains("required property 'name' not found")
			.contains("io.github.snowplowspring.sample/checkout_step/jsonschema/1-0-0");
		assertThat(this.collector.events(null, false)).anySatisfy((event) -> assertThat(event.eventId()).isNull());
	}

	@Test
	void thePageShowsTheEvents() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.collector.events().isEmpty());
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(this.collector.uri().resolve("/")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).contains("text/html"));
		assertThat(page.body()).contains("<table").contains("pv").contains("https://shop.example/products");
	}

	@Test
	void theFinalFlushAtShutdownReachesTheLocalCollector() {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--snowplow.local-collector.port=0", "--sample.simulation.rate=0",
				"--snowplow.emitters.main.flush-interval=1h", "--snowplow.emitters.main.buffer-size=1000",
				"--management.server.port=-1");
		LocalCollector local = context.getBean(LocalCollector.class);
		Tracker tracker = context.getBean(Tracker.class);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			ids.add(tracker.track(PageView.builder("https://shop.example/bye/" + i).build()));
		}
		assertThat(local.events()).isEmpty(); // buffered: nothing sent yet
		context.close();
		Set<String> received = new HashSet<>();
		local.events().forEach((event) -> received.add(event.eventId()));
		assertThat(received).isEqualTo(ids);
	}

	private void post(String body) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(this.collector.uri().resolve("/com.snowplowanalytics.snowplow/tp2"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

}
