package io.github.snowplowspring.iglu;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a payload.
 *
 * @param location where, as a path into the payload with base64 and JSON strings decoded, e.g.
 *                 {@code data[2].cx.data[0].data.id}; {@code ""} for the payload itself
 * @param message  what is wrong, in the words of the JSON Schema validator where it found it
 * @param schema   the Iglu URI of the schema that was violated, or {@code null} when the check is
 *                 part of the tracker protocol rather than a schema (e.g. both {@code cx} and {@code co})
 */
public record Violation(String location, String message, @Nullable String schema) {

	/** Returns {@code location: message [schema]}, e.g. {@code data[0].dtm: integer found, string expected [iglu:...]}. */
	@Override
	public String toString() {
		String where = location.isEmpty() ? "(root)" : location;
		return where + ": " + message + (schema == null ? "" : " [" + schema + "]");
	}
}
