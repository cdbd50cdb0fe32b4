package io.github.snowplowspring.boot.localcollector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.snowplowspring.iglu.PayloadValidator;
import tools.jackson.databind.json.JsonMapper;

/** Tracker output written by hand, so that each test shows exactly what was sent. */
final class Payloads {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String TIMING = "iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0";

	static final String CHECKOUT_STEP = "iglu:com.acme/checkout_step/jsonschema/1-0-0";

	private Payloads() {
	}

	static Map<String, String> event(String type) {
		Map<String, String> event = new LinkedHashMap<>();
		event.put("e", type);
		event.put("p", "srv");
		event.put("tv", "test-1");
		event.put("eid", UUID.randomUUID().toString());
		event.put("dtm", "1764892800000");
		return event;
	}

	static Map<String, String> pageView(String url) {
		Map<String, String> event = event("pv");
		event.put("url", url);
		return event;
	}

	static Map<String, String> structured(String category, String action) {
		Map<String, String> event = event("se");
		event.put("se_ca", category);
		event.put("se_ac", action);
		return event;
	}

	static Map<String, String> selfDescribing(String schema, Map<String, ?> data) {
		Map<String, String> event = event("ue");
		event.put("ue_px", base64(Map.of("schema", PayloadValidator.UNSTRUCT_EVENT, "data",
				Map.of("schema", schema, "data", data))));
		return event;
	}

	static Map<String, String> withContext(Map<String, String> event, String schema, Map<String, ?> data) {
		event.put("cx", base64(Map.of("schema", "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1",
				"data", List.of(Map.of("schema", schema, "data", data)))));
		return event;
	}

	static String body(List<Map<String, String>> events) {
		return JSON.writeValueAsString(Map.of("schema", PayloadValidator.PAYLOAD_DATA, "data", events));
	}

	static String query(Map<String, String> event) {
		return event.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String base64(Object json) {
		return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(json));
	}

}
