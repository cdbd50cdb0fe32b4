package io.github.snowplowspring.tracker.payload;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
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

	// Upper-case hex digits, as Jackson writes them.
	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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

	/**
	 * Writes a flat object of string values, as Jackson would, straight into an array of its exact
	 * size: this runs for every tracked event, and a generator (with its buffer pool), a growing
	 * buffer and the final copy cost more than the writing itself.
	 */
	static byte[] writeFlatObject(String[] fields, int length, long plainMask) {
		int pairs = length / 2;
		// Braces, then per pair four quotes and a colon, and commas between pairs.
		int size = (pairs == 0) ? 2 : 6 * pairs + 1;
		long plain = plainMask;
		for (int i = 0; i < length; i += 2) {
			long bit = (i < 128) ? 1L << (i >> 1) : 0;
			if ((plain & bit) != 0) {
				size += fields[i].length() + fields[i + 1].length();
				continue;
			}
			int name = jsonLength(fields[i]);
			int value = jsonLength(fields[i + 1]);
			if (name == fields[i].length() && value == fields[i + 1].length()) {
				plain |= bit; // scanned once, then copied whole
			}
			size += name + value;
		}
		byte[] out = new byte[size];
		int at = 0;
		out[at++] = '{';
		for (int i = 0; i < length; i += 2) {
			if (i > 0) {
				out[at++] = ',';
			}
			boolean copy = i < 128 && (plain & (1L << (i >> 1))) != 0;
			at = write(fields[i], copy, out, at);
			out[at++] = ':';
			at = write(fields[i + 1], copy, out, at);
		}
		out[at] = '}';
		return out;
	}

	@SuppressWarnings("deprecation") // exact for ASCII, which is all it is used for, and a plain copy
	private static int write(String value, boolean plain, byte[] out, int start) {
		if (!plain) {
			return writeString(value, out, start);
		}
		out[start] = '"';
		value.getBytes(0, value.length(), out, start + 1);
		out[start + 1 + value.length()] = '"';
		return start + value.length() + 2;
	}

	/** The bytes of a string's JSON text between its quotes: UTF-8, with Jackson's escapes. */
	private static int jsonLength(String value) {
		int length = value.length();
		int bytes = length;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				if (c < 0x20) {
					bytes += (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') ? 1 : 5;
				}
				else if (c == '"' || c == '\\') {
					bytes += 1;
				}
			}
			else if (c < 0x800) {
				bytes += 1;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
				bytes += 2; // four bytes for the pair
				i++;
			}
			else if (Character.isSurrogate(c)) {
				bytes += 5; // a lone surrogate is escaped
			}
			else {
				bytes += 2;
			}
		}
		return bytes;
	}

	private static int writeString(String value, byte[] out, int start) {
		int at = start;
		out[at++] = '"';
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				if (c >= 0x20 && c != '"' && c != '\\') {
					out[at++] = (byte) c;
				}
				else {
					at = writeEscape(c, out, at);
				}
			}
			else if (c < 0x800) {
				out[at++] = (byte) (0xC0 | (c >> 6));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
				int code = Character.toCodePoint(c, value.charAt(++i));
				out[at++] = (byte) (0xF0 | (code >> 18));
				out[at++] = (byte) (0x80 | ((code >> 12) & 0x3F));
				out[at++] = (byte) (0x80 | ((code >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (code & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				at = writeUnicodeEscape(c, out, at);
			}
			else {
				out[at++] = (byte) (0xE0 | (c >> 12));
				out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		out[at++] = '"';
		return at;
	}

	private static int writeEscape(char c, byte[] out, int start) {
		char simple = switch (c) {
			case '"' -> '"';
			case '\\' -> '\\';
			case '\n' -> 'n';
			case '\r' -> 'r';
			case '\t' -> 't';
			case '\b' -> 'b';
			case '\f' -> 'f';
			default -> 0;
		};
		if (simple == 0) {
			return writeUnicodeEscape(c, out, start);
		}
		out[start] = '\\';
		out[start + 1] = (byte) simple;
		return start + 2;
	}

	private static int writeUnicodeEscape(char c, byte[] out, int start) {
		out[start] = '\\';
		out[start + 1] = 'u';
		for (int shift = 12, at = start + 2; shift >= 0; shift -= 4, at++) {
			out[at] = (byte) HEX[(c >> shift) & 0xF];
		}
		return start + 6;
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
