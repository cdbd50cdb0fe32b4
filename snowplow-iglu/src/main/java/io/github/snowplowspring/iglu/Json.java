package io.github.snowplowspring.iglu;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON parser of this module: strict, because a pipeline is strict about what it receives. */
final class Json {

	// Immutable and thread-safe, so one shared instance is fine.
	static final JsonMapper MAPPER = JsonMapper.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();

	private Json() {
	}

	/** Parses JSON text; trailing content and duplicate keys are errors. */
	static JsonNode parse(String text) {
		JsonNode node = MAPPER.readTree(text);
		if (node.isMissingNode()) {
			throw new IllegalArgumentException("empty");
		}
		return node;
	}

	/** Parses JSON bytes (UTF-8, as Jackson detects the encoding). */
	static JsonNode parse(byte[] bytes) {
		JsonNode node = MAPPER.readTree(bytes);
		if (node.isMissingNode()) {
			throw new IllegalArgumentException("empty");
		}
		return node;
	}

	/** Says why parsing failed, without Jackson's source-location noise. */
	static String reason(RuntimeException e) {
		String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
		return message == null ? e.getClass().getSimpleName() : message;
	}
}
