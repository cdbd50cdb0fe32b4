package io.github.snowplowspring.test.assertj;

import java.util.Comparator;
import java.util.Map;

import io.github.snowplowspring.tracker.payload.PayloadJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Compares expected values with the JSON the tracker sent.
 */
final class JsonValues {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// 2, 2.0 and 2.00 are the same number to a schema and to a pipeline.
	private static final Comparator<JsonNode> SAME_VALUE = (left, right) -> {
		if (left.isNumber() && right.isNumber()) {
			return left.decimalValue().compareTo(right.decimalValue());
		}
		return left.equals(right) ? 0 : 1;
	};

	private JsonValues() {
	}

	/**
	 * The JSON of an expected value, written by the tracker's own mapper so that records, maps
	 * and {@code java.time} values compare with what the tracker sent for them.
	 */
	static JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		return JSON.readTree(PayloadJson.write(value, "expected value"));
	}

	/** The value at a top-level field name or, starting with {@code /}, a JSON Pointer. */
	static JsonNode at(JsonNode data, String field) {
		return field.startsWith("/") ? data.at(field) : data.path(field);
	}

	/** Whether an actual value is the expected one; an expected null also matches a missing value. */
	static boolean matches(JsonNode actual, JsonNode expected) {
		if (expected.isNull()) {
			return actual.isNull() || actual.isMissingNode();
		}
		return !actual.isMissingNode() && actual.equals(SAME_VALUE, expected);
	}

	/** Whether the data has every expected field with its value. */
	static boolean hasFields(JsonNode data, Map<String, ?> fields) {
		for (Map.Entry<String, ?> field : fields.entrySet()) {
			if (!matches(at(data, field.getKey()), toJson(field.getValue()))) {
				return false;
			}
		}
		return true;
	}

	/** The expected fields as compact JSON, for messages. */
	static String describe(Map<String, ?> fields) {
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> json.append((json.length() > 1) ? "," : "").append('"').append(name)
			.append("\":").append(toJson(value)));
		return json.append('}').toString();
	}

}
