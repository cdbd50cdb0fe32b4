package io.github.snowplowspring.tracker.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A self-describing JSON: an Iglu schema URI and the data it describes. Used for
 * self-describing events and for context entities.
 *
 * @param schema the Iglu URI, {@code iglu:<vendor>/<name>/jsonschema/<model>-<revision>-<addition>}
 * @param data the data: a map, a record or any object Jackson can serialize; nulls are left out
 */
public record SelfDescribingJson(String schema, Object data) {

	// From iglu:com.snowplowanalytics.self-desc/instance-iglu-only/jsonschema/1-0-0.
	private static final Pattern IGLU_URI = Pattern
		.compile("^iglu:[a-zA-Z0-9-_.]+/[a-zA-Z0-9-_]+/[a-zA-Z0-9-_]+/[0-9]+-[0-9]+-[0-9]+$");

	public SelfDescribingJson {
		Objects.requireNonNull(schema, "schema must not be null");
		if (!IGLU_URI.matcher(schema).matches()) {
			throw new IllegalArgumentException("schema '" + schema
					+ "' is not an Iglu URI of the form iglu:<vendor>/<name>/jsonschema/<model>-<revision>-<addition>");
		}
		Objects.requireNonNull(data, () -> "data of " + schema + " must not be null");
	}

	/** A self-describing JSON for the given schema and data. */
	public static SelfDescribingJson of(String schema, Object data) {
		return new SelfDescribingJson(schema, data);
	}

}
