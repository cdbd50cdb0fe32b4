package io.github.snowplowspring.iglu;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks Snowplow tracker output the way a Snowplow pipeline would, against the schemas of an {@link IgluResolver}.
 *
 * <p>Every check runs, and everything wrong is reported as a {@link Violation}: the POST body envelope
 * ({@code payload_data} 1-0-4: string values only, no unknown keys, {@code e}, {@code p} and {@code tv} required),
 * the event type, {@code eid}, then the decoded {@code cx}/{@code co} contexts envelope and each entity in it, and
 * the decoded {@code ue_px}/{@code ue_pr} event envelope and the event in it, each against its own schema.
 * Bad input never makes these methods throw.
 *
 * <p>Immutable and thread-safe.
 */
public final class PayloadValidator {

	/** The schema of a POST body. */
	public static final String PAYLOAD_DATA = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
	/** The envelope schema of {@code ue_px}/{@code ue_pr}. */
	public static final String UNSTRUCT_EVENT = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0";
	/** The envelope schemas of {@code cx}/{@code co}: trackers send 1-0-1, the protocol docs show 1-0-0. */
	public static final Set<String> CONTEXTS = Set.of(
			"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0",
			"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1");
	/** The schema any self-describing JSON (schema + data) must match. */
	public static final String SELF_DESCRIBING = "iglu:com.snowplowanalytics.self-desc/instance-iglu-only/jsonschema/1-0-0";

	// What Snowplow enrich accepts as e (EventEnrichments.extractEventType); anything else fails enrichment,
	// even "s" (social), which payload_data allows as a value.
	private static final Set<String> EVENT_TYPES = Set.of("pv", "pp", "se", "ue", "tr", "ti", "ad", "ev");
	private static final Pattern UUID = Pattern.compile(
			"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final IgluResolver resolver;
	private final boolean acceptStandardBase64;

	private PayloadValidator(Builder builder) {
		this.resolver = builder.resolver != null ? builder.resolver : IgluResolver.create();
		this.acceptStandardBase64 = builder.acceptStandardBase64;
	}

	/**
	 * A validator over the class path schemas ({@link IgluResolver#create()}) that accepts only URL-safe base64.
	 *
	 * @return a new validator
	 */
	public static PayloadValidator create() {
		return builder().build();
	}

	/**
	 * A validator over the given schemas that accepts only URL-safe base64.
	 *
	 * @param resolver where schemas come from
	 * @return a new validator
	 */
	public static PayloadValidator of(IgluResolver resolver) {
		return builder().resolver(resolver).build();
	}

	/**
	 * Starts building a validator.
	 *
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Validates the body of a POST to {@code /com.snowplowanalytics.snowplow/tp2}.
	 *
	 * @param body the request body, UTF-8 JSON
	 * @return every violation, located from the body root, e.g. {@code data[0].dtm}
	 */
	public ValidationReport validatePostBody(byte[] body) {
		List<Violation> out = new ArrayList<>();
		JsonNode root;
		try {
			root = Json.parse(body);
		} catch (RuntimeException e) {
			return new ValidationReport(List.of(new Violation("", "body is not JSON: " + Json.reason(e), null)));
		}
		checkBody(root, out);
		return new ValidationReport(out);
	}

	/**
	 * Validates the body of a POST to {@code /com.snowplowanalytics.snowplow/tp2}.
	 *
	 * @param body the request body, JSON
	 * @return every violation, located from the body root, e.g. {@code data[0].dtm}
	 */
	public ValidationReport validatePostBody(String body) {
		List<Violation> out = new ArrayList<>();
		JsonNode root = parse(body, "", "body", out);
		if (root != null) {
			checkBody(root, out);
		}
		return new ValidationReport(out);
	}

	/**
	 * Validates the query string of a GET to {@code /i}: one event, URL-encoded ({@code %20} or {@code +} for a space).
	 *
	 * @param rawQuery the raw (still encoded) query string, e.g. from {@code URI.getRawQuery()}; a leading {@code ?}
	 *                 is ignored
	 * @return every violation, located from the event, e.g. {@code cx.data[0]}
	 */
	public ValidationReport validateQueryString(String rawQuery) {
		List<Violation> out = new ArrayList<>();
		Map<String, String> event = decodeQuery(rawQuery, out);
		checkEventParameters(event, out);
		checkEvent("", event, out);
		return new ValidationReport(out);
	}

	/**
	 * Validates one event given as its parameters: as one item of a {@code payload_data} body (string values, no
	 * unknown keys, {@code e}, {@code p} and {@code tv} required), then every per-event check.
	 *
	 * @param event the event's parameters, e.g. {@code e=pv}, {@code cx=<base64>}
	 * @return every violation, located from the event, e.g. {@code ue_px.data.data.id}
	 */
	public ValidationReport validateEvent(Map<String, String> event) {
		List<Violation> out = new ArrayList<>();
		checkEventParameters(event, out);
		checkEvent("", event, out);
		return new ValidationReport(out);
	}

	// Unlike the nested envelopes, every event is checked even when the body has violations:
	// a numeric dtm in one event should not hide a bad cx in another.
	private void checkBody(JsonNode root, List<Violation> out) {
		validate(SELF_DESCRIBING, root, "", out);
		JsonNode schema = root.path("schema");
		if (schema.isString() && !PAYLOAD_DATA.equals(schema.stringValue())) {
			out.add(new Violation("schema", "a POST body must name " + PAYLOAD_DATA + ", not " + schema.stringValue(),
					null));
		}
		JsonNode data = root.get("data");
		if (data == null) {
			return;
		}
		validate(PAYLOAD_DATA, data, "data", out);
		if (!data.isArray()) {
			return;
		}
		for (int i = 0; i < data.size(); i++) {
			if (data.get(i) instanceof ObjectNode item) {
				checkEvent("data[" + i + "]", strings(item), out);
			}
		}
	}

	// payload_data validates an array of events; validate a one-element array and drop the "[0]" from locations.
	private void checkEventParameters(Map<String, String> event, List<Violation> out) {
		ArrayNode data = Json.MAPPER.createArrayNode();
		ObjectNode item = data.addObject();
		event.forEach(item::put);
		List<Violation> found = new ArrayList<>();
		validate(PAYLOAD_DATA, data, "", found);
		for (Violation v : found) {
			String location = v.location().replaceFirst("^\\[0]\\.?", "");
			out.add(new Violation(location, v.message(), v.schema()));
		}
	}

	private void checkEvent(String prefix, Map<String, String> event, List<Violation> out) {
		String e = event.get("e");
		if (e != null && !EVENT_TYPES.contains(e)) {
			out.add(new Violation(at(prefix, "e"), "unknown event type \"" + e + "\"; a pipeline accepts only "
					+ String.join(", ", EVENT_TYPES.stream().sorted().toList()), null));
		}
		String eid = event.get("eid");
		if (eid != null && !UUID.matcher(eid).matches()) {
			out.add(new Violation(at(prefix, "eid"), "eid is not a UUID: \"" + eid + "\"", null));
		}
		if (event.containsKey("cx") && event.containsKey("co")) {
			out.add(new Violation(prefix, "both cx and co are present; a tracker sends one of them", null));
		}
		if (event.containsKey("ue_px") && event.containsKey("ue_pr")) {
			out.add(new Violation(prefix, "both ue_px and ue_pr are present; a tracker sends one of them", null));
		}
		if ("ue".equals(e) && !event.containsKey("ue_px") && !event.containsKey("ue_pr")) {
			out.add(new Violation(prefix, "e=ue but neither ue_px nor ue_pr is present", null));
		}
		for (String key : List.of("cx", "co")) {
			JsonNode contexts = envelope(prefix, event, key, CONTEXTS, out);
			if (contexts != null && contexts.isArray()) {
				for (int i = 0; i < contexts.size(); i++) {
					checkSelfDescribing(contexts.get(i), at(prefix, key) + ".data[" + i + "]", "entity", null, out);
				}
			}
		}
		for (String key : List.of("ue_px", "ue_pr")) {
			JsonNode inner = envelope(prefix, event, key, Set.of(UNSTRUCT_EVENT), out);
			if (inner != null) {
				checkSelfDescribing(inner, at(prefix, key) + ".data", "event", null, out);
			}
		}
	}

	/** Decodes and checks a cx/co/ue_px/ue_pr envelope; returns its data when it was valid enough to look into. */
	private @Nullable JsonNode envelope(String prefix, Map<String, String> event, String key, Set<String> schemas,
										List<Violation> out) {
		String value = event.get(key);
		if (value == null) {
			return null;
		}
		String location = at(prefix, key);
		boolean base64 = key.equals("cx") || key.equals("ue_px");
		String json = base64 ? decodeBase64(value, key, location, out) : value;
		JsonNode node = json == null ? null : parse(json, location, key, out);
		return node == null ? null : checkSelfDescribing(node, location, key, schemas, out);
	}

	/**
	 * Checks a self-describing JSON: its shape, that its schema is one of {@code expected} (any when null), and its
	 * data against that schema. Returns the data if it validated, so callers only look into valid envelopes.
	 */
	private @Nullable JsonNode checkSelfDescribing(JsonNode node, String location, String what,
												   @Nullable Set<String> expected, List<Violation> out) {
		int before = out.size();
		validate(SELF_DESCRIBING, node, location, out);
		if (out.size() > before) {
			return null;
		}
		String schema = node.get("schema").asString();
		if (expected != null && !expected.contains(schema)) {
			out.add(new Violation(at(location, "schema"), what + " must name " + String.join(" or ",
					expected.stream().sorted().toList()) + ", not " + schema, null));
			return null;
		}
		JsonNode data = node.get("data");
		// An unknown schema is reported at the self-describing JSON that names it, not at its data.
		resolve(schema, location, out).ifPresent(s -> s.validate(data, at(location, "data"), out));
		return out.size() > before ? null : data;
	}

	/** Validates against the schema for a URI; an unknown or broken schema is a violation too. */
	private void validate(String uri, JsonNode instance, String location, List<Violation> out) {
		resolve(uri, location, out).ifPresent(schema -> schema.validate(instance, location, out));
	}

	private Optional<IgluSchema> resolve(String uri, String location, List<Violation> out) {
		Optional<IgluSchema> schema;
		try {
			schema = resolver.resolve(uri);
		} catch (RuntimeException e) {
			out.add(new Violation(location, "cannot use the schema for " + uri + ": " + e.getMessage(), uri));
			return Optional.empty();
		}
		if (schema.isEmpty()) {
			out.add(new Violation(location, "no schema for " + uri, uri));
		}
		return schema;
	}

	private @Nullable String decodeBase64(String value, String key, String location, List<Violation> out) {
		byte[] bytes;
		try {
			// The standard decoder after mapping -/_ to +/ accepts both alphabets, like the pipeline's decoder.
			bytes = acceptStandardBase64
					? Base64.getDecoder().decode(value.replace('-', '+').replace('_', '/'))
					: Base64.getUrlDecoder().decode(value);
		} catch (IllegalArgumentException e) {
			boolean standardAlphabet = value.indexOf('+') >= 0 || value.indexOf('/') >= 0;
			out.add(new Violation(location, !acceptStandardBase64 && standardAlphabet
					? key + " is not URL-safe base64: it contains '+' or '/' of the standard alphabet"
					: key + " is not base64: " + e.getMessage(), null));
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException e) {
			out.add(new Violation(location, key + " does not decode to UTF-8 text", null));
			return null;
		}
	}

	private static @Nullable JsonNode parse(String json, String location, String what, List<Violation> out) {
		try {
			return Json.parse(json);
		} catch (RuntimeException e) {
			out.add(new Violation(location, what + " is not JSON: " + Json.reason(e), null));
			return null;
		}
	}

	private static Map<String, String> decodeQuery(String rawQuery, List<Violation> out) {
		Map<String, String> params = new LinkedHashMap<>();
		String query = rawQuery.startsWith("?") ? rawQuery.substring(1) : rawQuery;
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String rawKey = eq < 0 ? pair : pair.substring(0, eq);
			String key;
			String value;
			try {
				key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
				value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			} catch (IllegalArgumentException e) {
				out.add(new Violation(rawKey, "parameter is not URL-encoded correctly: " + e.getMessage(), null));
				continue;
			}
			if (params.putIfAbsent(key, value) != null) {
				out.add(new Violation(key, "parameter " + key + " appears more than once", null));
			}
		}
		return params;
	}

	// Non-string values are left out: payload_data has already reported them.
	private static Map<String, String> strings(ObjectNode item) {
		Map<String, String> event = new LinkedHashMap<>();
		item.properties().forEach(p -> {
			if (p.getValue().isString()) {
				event.put(p.getKey(), p.getValue().stringValue());
			}
		});
		return event;
	}

	private static String at(String prefix, String key) {
		return prefix.isEmpty() ? key : prefix + "." + key;
	}

	@Override
	public String toString() {
		return "PayloadValidator[" + resolver + ", acceptStandardBase64=" + acceptStandardBase64 + "]";
	}

	/** Builds a {@link PayloadValidator}. */
	public static final class Builder {

		private @Nullable IgluResolver resolver;
		private boolean acceptStandardBase64;

		private Builder() {
		}

		/**
		 * Sets where schemas come from. Default: {@link IgluResolver#create()}.
		 *
		 * @param resolver the resolver
		 * @return this builder
		 */
		public Builder resolver(IgluResolver resolver) {
			this.resolver = resolver;
			return this;
		}

		/**
		 * Whether {@code cx}/{@code ue_px} may use the standard base64 alphabet ({@code +}, {@code /}) as well as the
		 * URL-safe one ({@code -}, {@code _}). Default {@code false}: our tracker must send URL-safe base64, as the
		 * protocol documents; the Java reference tracker sends the standard alphabet, which the pipeline tolerates.
		 *
		 * @param accept {@code true} to accept both alphabets
		 * @return this builder
		 */
		public Builder acceptStandardBase64(boolean accept) {
			this.acceptStandardBase64 = accept;
			return this;
		}

		/**
		 * Builds the validator.
		 *
		 * @return a new validator
		 */
		public PayloadValidator build() {
			return new PayloadValidator(this);
		}
	}
}
