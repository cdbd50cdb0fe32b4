package io.github.snowplowspring.tracker.payload;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tracker's own JSON mapper, isolated from any application mapper: an application's naming
 * strategy or inclusion rules must never change what goes on the wire. Nulls are left out
 * (a {@code "label":null} fails the Iglu schemas), and {@code java.time} values are written
 * as ISO-8601 strings.
 */
public final class PayloadJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.changeDefaultPropertyInclusion(
				(inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private PayloadJson() {
	}

	/**
	 * Writes any value (a map, a record, a bean) as compact JSON.
	 * @param value what to write
	 * @param field the name of the field it came from, for the error message
	 * @return the JSON text
	 * @throws IllegalArgumentException when the value cannot be serialized, naming the field
	 */
	public static String write(Object value, String field) {
		try {
			return MAPPER.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					field + " cannot be serialized to JSON (" + value.getClass().getName() + "): "
							+ ex.getOriginalMessage(),
					ex);
		}
	}

	static byte[] writeFlatObject(String[] fields) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(32 * fields.length);
		try (JsonGenerator generator = MAPPER.createGenerator(out)) {
			generator.writeStartObject();
			for (int i = 0; i < fields.length; i += 2) {
				generator.writeStringProperty(fields[i], fields[i + 1]);
			}
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	static Payload readFlatObject(byte[] json) {
		List<String> fields = new ArrayList<>();
		try (JsonParser parser = MAPPER.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("payload JSON must be an object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				fields.add(parser.currentName());
				JsonToken value = parser.nextToken();
				if (value != JsonToken.VALUE_STRING) {
					throw new IllegalArgumentException(
							"payload parameter '" + parser.currentName() + "' must be a string, found " + value);
				}
				fields.add(parser.getString());
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("payload is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		Payload.Builder builder = Payload.builder(fields.size() / 2);
		for (int i = 0; i < fields.size(); i += 2) {
			builder.add(fields.get(i), fields.get(i + 1));
		}
		return builder.build();
	}

}
