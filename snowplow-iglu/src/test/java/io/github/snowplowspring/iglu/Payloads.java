package io.github.snowplowspring.iglu;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Builds tracker output for tests, the way a tracker would put it on the wire. */
final class Payloads {

	static final String EID = "c6ef3124-b53a-4b13-a233-0088f79dcbcb";
	static final String SCREEN_ID = "5d79770b-015b-4af8-8c91-b2ed6faf4b1e";
	static final String CONTEXTS = "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1";
	static final String TIMING = "iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0";
	static final String MOBILE_SCREEN_VIEW = "iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0";
	static final String LINK_CLICK = "iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1";
	static final String CHECKOUT = "iglu:com.acme/checkout/jsonschema/1-0-0";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Payloads() {
	}

	/** The parameters every event carries. */
	static Map<String, String> event(String e) {
		Map<String, String> event = new LinkedHashMap<>();
		event.put("e", e);
		event.put("eid", EID);
		event.put("dtm", "1700000000000");
		event.put("p", "srv");
		event.put("tv", "java-test");
		event.put("aid", "my-app");
		event.put("tna", "ns");
		return event;
	}

	static Map<String, String> with(Map<String, String> event, String... keysAndValues) {
		Map<String, String> copy = new LinkedHashMap<>(event);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			copy.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return copy;
	}

	static String sdj(String schema, String dataJson) {
		return "{\"schema\":\"" + schema + "\",\"data\":" + dataJson + "}";
	}

	static String contexts(String... entities) {
		return sdj(CONTEXTS, "[" + String.join(",", entities) + "]");
	}

	static String unstruct(String innerSdj) {
		return sdj(PayloadValidator.UNSTRUCT_EVENT, innerSdj);
	}

	static String urlSafeBase64(String json) {
		return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	static String standardBase64(String json) {
		return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	@SafeVarargs
	static String body(Map<String, String>... events) {
		return JSON.writeValueAsString(Map.of("schema", PayloadValidator.PAYLOAD_DATA, "data", List.of(events)));
	}
}
