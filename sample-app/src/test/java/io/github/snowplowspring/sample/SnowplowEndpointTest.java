package io.github.snowplowspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code snowplow} actuator endpoint over real HTTP. Nothing else tracks (no shoppers) and
 * the emitter's timer is long, so events stay buffered until the endpoint flushes them.
 */
// Closed after its tests, while the collector it sends to still runs.
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulation.rate=0", "snowplow.emitters.main.buffer-size=1000",
				"snowplow.emitters.main.flush-interval=1h", "snowplow.emitters.main.request-timeout=1s",
				"snowplow.emitters.main.retry.initial-backoff=50ms" })
class SnowplowEndpointTest {

	private static final LoopbackCollector collector = LoopbackCollector.start();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private Tracker tracker;

	@DynamicPropertySource
	static void collectorUrl(DynamicPropertyRegistry registry) {
		registry.add("sample.collector", () -> collector.uri().toString());
		registry.add("snowplow.local-collector.enabled", () -> "false");
	}


	@BeforeEach
	void startClean() throws Exception {
		if (!collector.isRunning()) {
			collector.restart();
		}
		post("/actuator/snowplow", "{}");
		collector.reset();
	}

	@Test
	void getShowsTheBufferAndPostFlushDeliversIt() throws Exception {
		track(3);
		JsonNode emitter = get("/actuator/snowplow", 200).get("emitters").get("main");
		assertThat(emitter.get("type").asString()).isEqualTo("async");
		assertThat(emitter.get("bufferedEvents").asLong()).isEqualTo(3);
		assertThat(emitter.get("bufferedBytes").asLong()).isPositive();
		assertThat(emitter.get("pending").asLong()).isEqualTo(3);
		assertThat(emitter.get("oldestEventAge").asString()).startsWith("PT");
		assertThat(emitter.get("flushInterval").asString()).isEqualTo("PT1H");
		assertThat(emitter.get("dropped").propertyNames()).contains("buffer_full", "oversized", "rejected", "expired",
				"shutdown", "invalid");
		assertThat(emitter.get("accepted").asLong())
			.isEqualTo(emitter.get("sent").asLong() + emitter.get("pending").asLong() + sum(emitter.get("dropped")));

		JsonNode flushed = post("/actuator/snowplow", "{}").body();
		assertThat(flushed.get("emitters").get("main").toString()).isEqualTo("{\"sent\":3,\"dropped\":0,\"pending\":0}");
		assertThat(collector.uniqueEventIds()).hasSize(3);
		JsonNode after = get("/actuator/snowplow/main", 200);
		assertThat(after.get("bufferedEvents").asLong()).isZero();
		assertThat(after.get("lastSuccess").get("time").asString()).isNotBlank();
	}

	@Test
	void postFlushOfOneEmitterAnswersWhatItDid() throws Exception {
		track(2);
		Response response = post("/actuator/snowplow/main", "{\"timeout\":\"5s\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().toString()).isEqualTo("{\"sent\":2,\"dropped\":0,\"pending\":0}");
	}

	@Test
	void aFlushWithTheCollectorDownReturnsWithinItsTimeout() throws Exception {
		collector.stop();
		track(4);
		long start = System.nanoTime();
		Response response = post("/actuator/snowplow/main", "{\"timeout\":\"1s\"}");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("pending").asLong()).isEqualTo(4);
		JsonNode emitter = get("/actuator/snowplow/main", 200);
		assertThat(emitter.get("lastFailure").get("error").asString()).contains("ConnectException");
		assertThat(emitter.get("retry").get("attempt").asInt()).isGreaterThan(1);
		JsonNode health = get("/actuator/health", 200).get("components").get("snowplow");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("emitters").get("main").get("state").asString()).isEqualTo("degraded");
	}

	@Test
	void anUnknownEmitterIsNotFound() throws Exception {
		get("/actuator/snowplow/nope", 404);
		assertThat(post("/actuator/snowplow/nope", "{}").status()).isEqualTo(404);
		assertThat(post("/actuator/snowplow/nope", "{\"flushInterval\":\"5s\"}").status()).isEqualTo(404);
	}

	@Test
	void theFlushTimerIsSetAndCancelledThroughPost() throws Exception {
		try {
			setAndCancelTheTimer();
		}
		finally {
			post("/actuator/snowplow/main", "{\"flushInterval\":\"1h\"}");
		}
	}

	private void setAndCancelTheTimer() throws Exception {
		Response set = post("/actuator/snowplow/main", "{\"flushInterval\":\"200ms\"}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.body().toString()).isEqualTo("{\"flushInterval\":\"PT0.2S\"}");
		assertThat(get("/actuator/snowplow/main", 200).get("flushInterval").asString()).isEqualTo("PT0.2S");
		track(1);
		collector.awaitUniqueEvents(1, Duration.ofSeconds(5)); // the new timer delivered it

		Response cancelled = post("/actuator/snowplow/main", "{\"flushInterval\":\"0s\"}");
		assertThat(cancelled.body().toString()).isEqualTo("{\"flushInterval\":\"PT0S\"}");
		assertThat(get("/actuator/snowplow/main", 200).has("flushInterval")).isFalse();

		assertThat(post("/actuator/snowplow/main", "{\"flushInterval\":\"5s\",\"timeout\":\"5s\"}").status())
			.isEqualTo(400);
	}

	@Test
	void metricsAndHealthAreExposed() throws Exception {
		track(1);
		post("/actuator/snowplow", "{}");
		JsonNode accepted = get("/actuator/metrics/snowplow.events.accepted?tag=emitter:main", 200);
		assertThat(accepted.get("measurements").get(0).get("value").asDouble()).isPositive();
		get("/actuator/metrics/snowplow.send", 200);
		JsonNode health = get("/actuator/health", 200).get("components").get("snowplow");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("emitters").get("main").has("bufferFill")).isTrue();
	}

	private void track(int count) {
		for (int i = 0; i < count; i++) {
			this.tracker.track(PageView.builder("https://shop.example/" + i).build());
		}
	}

	private static long sum(JsonNode counts) {
		long total = 0;
		for (JsonNode count : counts) {
			total += count.asLong();
		}
		return total;
	}

	private JsonNode get(String path, int expectedStatus) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(expectedStatus);
		return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
	}

	private Response post(String path, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(),
				response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	record Response(int status, JsonNode body) {
	}

}
