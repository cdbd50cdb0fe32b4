package io.github.snowplowspring.boot.localcollector;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.iglu.ValidationReport;
import io.github.snowplowspring.iglu.Violation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a tracker sent into {@link CollectedEvent}s, each with the violations that concern
 * it. Never throws on bad input: whatever cannot be read is a bad record with the reason.
 */
final class EventReader {

	/** The path of a GET, one event in the query string. */
	static final String GET_PATH = "/i";

	/** The path of a POST, a {@code payload_data} body with any number of events. */
	static final String POST_PATH = "/com.snowplowanalytics.snowplow/tp2";

	static final String GET_REQUEST = "GET " + GET_PATH;

	static final String POST_REQUEST = "POST " + POST_PATH;

	private static final int BODY_EXCERPT_BYTES = 2048;

	// Violations of one event of a POST body; the index is bounded so that it always parses.
	private static final Pattern EVENT_LOCATION = Pattern.compile("data\\[(\\d{1,9})](?:\\.(.*))?");

	// Lenient on purpose: this parser only decodes for display, the validator judges.
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PayloadValidator validator;

	EventReader(PayloadValidator validator) {
		this.validator = validator;
	}

	/** The one event of a GET {@code /i}. */
	List<CollectedEvent> fromQuery(@Nullable String rawQuery, Instant received) {
		String query = (rawQuery != null) ? rawQuery : "";
		ValidationReport report = this.validator.validateQueryString(query);
		return List.of(event(received, GET_REQUEST, decodeQuery(query), report.violations()));
	}

	/**
	 * The events of a POST body, in the order sent, each with the violations located in it
	 * (relative to the event) and those of the body as a whole (relative to the body).
	 */
	List<CollectedEvent> fromBody(byte[] body, Instant received) {
		ValidationReport report = this.validator.validatePostBody(body);
		JsonNode items = items(body);
		if (items == null || items.isEmpty()) {
			return List.of(notAnEvent(received, POST_REQUEST, report.violations(), excerpt(body)));
		}
		List<Violation> ofBody = new ArrayList<>();
		List<List<Violation>> ofEvent = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			ofEvent.add(new ArrayList<>());
		}
		for (Violation violation : report.violations()) {
			Matcher matcher = EVENT_LOCATION.matcher(violation.location());
			int index = matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
			if (index >= 0 && index < items.size()) {
				String location = (matcher.group(2) != null) ? matcher.group(2) : "";
				ofEvent.get(index).add(new Violation(location, violation.message(), violation.schema()));
			}
			else {
				ofBody.add(violation);
			}
		}
		List<CollectedEvent> events = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			List<Violation> violations = new ArrayList<>(ofBody);
			violations.addAll(ofEvent.get(i));
			events.add(event(received, POST_REQUEST, parameters(items.get(i)), violations));
		}
		return events;
	}

	/** A request whose body was too large to read. */
	static CollectedEvent tooLarge(String request, long bodyBytes, boolean atLeast, long maxBodyBytes,
			Instant received) {
		String message = "the body of " + (atLeast ? "more than " : "") + bodyBytes + " bytes is larger than the "
				+ maxBodyBytes + " bytes the local collector accepts (snowplow.local-collector.max-body-size)";
		return notAnEvent(received, request, List.of(new Violation("", message, null)), null);
	}

	private static CollectedEvent event(Instant received, String request, Map<String, String> parameters,
			List<Violation> violations) {
		return new CollectedEvent(received, request, parameters.get("e"), parameters.get("eid"), violations,
				parameters, contexts(parameters), selfDescribingEvent(parameters), null);
	}

	private static CollectedEvent notAnEvent(Instant received, String request, List<Violation> violations,
			@Nullable String body) {
		// A body the validator found nothing wrong with but that holds no event is still not an event.
		List<Violation> reasons = violations.isEmpty()
				? List.of(new Violation("data", "the body holds no event", PayloadValidator.PAYLOAD_DATA)) : violations;
		return new CollectedEvent(received, request, null, null, reasons, Map.of(), null, null, body);
	}

	/** The {@code data} array of a body, or null when there is none to read events from. */
	private static @Nullable JsonNode items(byte[] body) {
		JsonNode data = parse(body).path("data");
		return data.isArray() ? data : null;
	}

	private static Map<String, String> parameters(JsonNode item) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (item.isObject()) {
			item.properties()
				.forEach((property) -> parameters.put(property.getKey(),
						property.getValue().isString() ? property.getValue().stringValue()
								: property.getValue().toString()));
		}
		return parameters;
	}

	private static @Nullable JsonNode contexts(Map<String, String> parameters) {
		JsonNode decoded = decoded(parameters, "co", "cx");
		return (decoded != null && decoded.path("data").isArray()) ? decoded.get("data") : decoded;
	}

	private static @Nullable JsonNode selfDescribingEvent(Map<String, String> parameters) {
		JsonNode decoded = decoded(parameters, "ue_pr", "ue_px");
		return (decoded != null && decoded.path("data").isObject()) ? decoded.get("data") : decoded;
	}

	private static @Nullable JsonNode decoded(Map<String, String> parameters, String plainKey, String base64Key) {
		String plain = parameters.get(plainKey);
		if (plain != null) {
			return parse(plain);
		}
		String base64 = parameters.get(base64Key);
		if (base64 == null) {
			return null;
		}
		try {
			// Either alphabet, padded or not, as the pipeline decodes it.
			byte[] bytes = Base64.getDecoder().decode(base64.strip().replace('-', '+').replace('_', '/'));
			return parse(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable JsonNode parse(String json) {
		try {
			JsonNode node = JSON.readTree(json);
			return (node == null || node.isMissingNode()) ? null : node;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static JsonNode parse(byte[] json) {
		try {
			JsonNode node = JSON.readTree(json);
			return (node != null) ? node : JSON.missingNode();
		}
		catch (RuntimeException ex) {
			return JSON.missingNode();
		}
	}

	// First value wins, as the validator reads it; a malformed escape keeps the raw text for display.
	static Map<String, String> decodeQuery(String rawQuery) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = rawQuery.startsWith("?") ? rawQuery.substring(1) : rawQuery;
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			parameters.putIfAbsent(name, (eq < 0) ? "" : decode(pair.substring(eq + 1)));
		}
		return parameters;
	}

	private static String decode(String encoded) {
		try {
			return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return encoded;
		}
	}

	private static String excerpt(byte[] body) {
		if (body.length <= BODY_EXCERPT_BYTES) {
			return new String(body, StandardCharsets.UTF_8);
		}
		return new String(body, 0, BODY_EXCERPT_BYTES, StandardCharsets.UTF_8) + "... (" + body.length + " bytes)";
	}

}
