package io.github.snowplowspring.testcollector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** What a tracker sends, built with the JDK HttpClient the tracker uses. */
final class Snowplow {

	static final String POST_PATH = "/com.snowplowanalytics.snowplow/tp2";
	static final String PAYLOAD_DATA = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Snowplow() {
	}

	static HttpClient client() {
		return HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(2))
				.build();
	}

	static Map<String, String> event() {
		Map<String, String> event = new LinkedHashMap<>();
		event.put("e", "pv");
		event.put("eid", UUID.randomUUID().toString());
		event.put("tv", "java-test");
		event.put("p", "srv");
		event.put("url", "https://example.com/a page");
		return event;
	}

	@SafeVarargs
	static String payload(Map<String, String>... events) {
		return JSON.writeValueAsString(Map.of("schema", PAYLOAD_DATA, "data", Arrays.asList(events)));
	}

	static HttpRequest post(URI collector, String body) {
		return HttpRequest.newBuilder(URI.create(collector + POST_PATH))
				.header("Content-Type", "application/json; charset=utf-8")
				.timeout(Duration.ofSeconds(5))
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
	}

	@SafeVarargs
	static HttpRequest post(URI collector, Map<String, String>... events) {
		return post(collector, payload(events));
	}

	static HttpRequest get(URI collector, String rawQuery) {
		return HttpRequest.newBuilder(URI.create(collector + "/i?" + rawQuery)).timeout(Duration.ofSeconds(5)).GET().build();
	}

	static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static List<String> ids(List<Map<String, String>> events) {
		return events.stream().map(e -> e.get("eid")).toList();
	}
}
