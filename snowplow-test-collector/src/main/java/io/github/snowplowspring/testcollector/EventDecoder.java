package io.github.snowplowspring.testcollector;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the two Snowplow transports into events; throws {@link IllegalArgumentException} with a
 * message fit for a 400 body when a tracker sent something a pipeline would turn into a bad row.
 */
final class EventDecoder {

	static final String EVENT_ID = "eid";
	static final String PAYLOAD_DATA = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

	private EventDecoder() {
	}

	/** A GET {@code /i} query: one event; URLDecoder takes both {@code %20} and {@code +} as a space. */
	static List<Map<String, String>> fromQuery(@Nullable String rawQuery) {
		Map<String, String> event = new LinkedHashMap<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				event.put(name, value);
			}
		}
		return List.of(checked(event, "the query"));
	}

	/** A POST {@code tp2} body: a {@code payload_data} self-describing JSON whose data items are events. */
	static List<Map<String, String>> fromPayloadData(byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		} catch (JacksonException e) {
			throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("body is not a JSON object");
		}
		JsonNode schema = root.path("schema");
		if (!schema.isString() || !schema.stringValue().startsWith(PAYLOAD_DATA)) {
			throw new IllegalArgumentException("schema must be " + PAYLOAD_DATA + "x, got " + schema);
		}
		JsonNode data = root.path("data");
		if (!data.isArray() || data.isEmpty()) {
			throw new IllegalArgumentException("data must be a non-empty array of events");
		}
		List<Map<String, String>> events = new ArrayList<>(data.size());
		for (int i = 0; i < data.size(); i++) {
			events.add(checked(toStringMap(data.get(i), i), "event " + i));
		}
		return events;
	}

	private static Map<String, String> toStringMap(JsonNode item, int index) {
		if (!item.isObject()) {
			throw new IllegalArgumentException("event " + index + " is not a JSON object");
		}
		Map<String, String> event = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : item.properties()) {
			if (!field.getValue().isString()) {
				// payload_data types every field as a string; a number here is a tracker bug.
				throw new IllegalArgumentException("event " + index + ": " + field.getKey() + " is a "
						+ field.getValue().getNodeType() + ", not a string");
			}
			event.put(field.getKey(), field.getValue().stringValue());
		}
		return event;
	}

	private static Map<String, String> checked(Map<String, String> event, String where) {
		String eid = event.get(EVENT_ID);
		if (eid == null || !UUID.matcher(eid).matches()) {
			throw new IllegalArgumentException(where + ": eid must be a UUID, got " + (eid == null ? "none" : "'" + eid + "'"));
		}
		return Collections.unmodifiableMap(event);
	}
}
