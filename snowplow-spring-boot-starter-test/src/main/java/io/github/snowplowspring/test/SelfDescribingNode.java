package io.github.snowplowspring.test;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A self-describing JSON as it went on the wire, decoded: a self-describing event or one
 * context entity.
 *
 * @param schema the Iglu URI of its schema, such as
 * {@code iglu:com.acme/checkout_step/jsonschema/1-0-0}
 * @param data its data, as a JSON tree; shared by every reader of the event, so read it and do not
 * modify it
 */
public record SelfDescribingNode(String schema, JsonNode data) {

	/** Requires both parts. */
	public SelfDescribingNode {
		Objects.requireNonNull(schema, "schema must not be null");
		Objects.requireNonNull(data, "data must not be null");
	}

	/** The schema and the data as compact JSON, such as {@code iglu:com.acme/step/jsonschema/1-0-0 {"step":2}}. */
	@Override
	public String toString() {
		return this.schema + " " + this.data;
	}

}
