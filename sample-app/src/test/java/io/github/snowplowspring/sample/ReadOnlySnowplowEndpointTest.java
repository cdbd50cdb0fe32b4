package io.github.snowplowspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With write access off, as in production, the endpoint reads but never flushes. */
// Closed after its tests, while the collector it sends to still runs.
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulation.rate=0", "management.endpoint.snowplow.access=read-only" })
class ReadOnlySnowplowEndpointTest {

	private static final LoopbackCollector collector = LoopbackCollector.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void collectorUrl(DynamicPropertyRegistry registry) {
		registry.add("sample.collector", () -> collector.uri().toString());
		registry.add("snowplow.local-collector.enabled", () -> "false");
	}


	@Test
	void getWorksAndPostIsRefused() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI uri = URI.create("http://localhost:" + this.port + "/actuator/snowplow");
		assertThat(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(200);
		int post = http.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		assertThat(post).isEqualTo(405);
	}

}
