package io.github.snowplowspring.iglu;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A compiled Iglu schema, obtained from {@link IgluResolver#resolve(String)}. Thread-safe.
 */
public final class IgluSchema {

	private final IgluUri uri;
	private final Schema schema;

	IgluSchema(IgluUri uri, Schema schema) {
		this.uri = uri;
		this.schema = schema;
	}

	/**
	 * The URI this schema was resolved for.
	 *
	 * @return the Iglu URI
	 */
	public IgluUri uri() {
		return uri;
	}

	/**
	 * Validates a JSON instance, e.g. the {@code data} of a self-describing JSON, against this schema.
	 *
	 * @param instanceJson the JSON text to validate
	 * @return the violations, located relative to the instance ({@code ""} is the instance itself)
	 */
	public ValidationReport validate(String instanceJson) {
		List<Violation> out = new ArrayList<>();
		JsonNode instance;
		try {
			instance = Json.parse(instanceJson);
		} catch (RuntimeException e) {
			return new ValidationReport(List.of(new Violation("", "not JSON: " + Json.reason(e), null)));
		}
		validate(instance, "", out);
		return new ValidationReport(out);
	}

	/** Adds a violation for each error, at {@code prefix} plus the error's location in the instance. */
	void validate(JsonNode instance, String prefix, List<Violation> out) {
		List<Error> errors;
		try {
			errors = schema.validate(instance);
		} catch (RuntimeException e) {
			// e.g. an unresolvable $ref in a user schema: report it rather than fail the caller.
			out.add(new Violation(prefix, "schema could not be applied: " + e.getMessage(), uri.toString()));
			return;
		}
		for (Error error : errors) {
			out.add(new Violation(location(prefix, error.getInstanceLocation()), error.getMessage(), uri.toString()));
		}
	}

	private static String location(String prefix, NodePath path) {
		StringBuilder sb = new StringBuilder(prefix);
		for (int i = 0; i < path.getNameCount(); i++) {
			Object element = path.getElement(i);
			if (element instanceof Integer index) {
				sb.append('[').append(index).append(']');
			} else {
				sb.append(sb.isEmpty() ? "" : ".").append(element);
			}
		}
		return sb.toString();
	}

	@Override
	public String toString() {
		return "IgluSchema[" + uri + "]";
	}
}
