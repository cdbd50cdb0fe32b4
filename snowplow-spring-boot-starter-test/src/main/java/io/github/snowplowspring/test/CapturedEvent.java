package io.github.snowplowspring.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.snowplowspring.tracker.payload.Payload;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event as the tracker sent it, decoded: its parameters, and its self-describing event and
 * context entities as JSON trees, whether they went base64-encoded ({@code ue_px}, {@code cx})
 * or as plain JSON ({@code ue_pr}, {@code co}).
 *
 * @param eventType the event type, the {@code e} parameter ({@code pv}, {@code se}, {@code ue},
 * {@code tr}, {@code ti}, ...)
 * @param eventId the event id, the {@code eid} parameter
 * @param parameters every parameter as sent, in order
 * @param selfDescribingEvent the self-describing event of a {@code ue} event, or null
 * @param contexts the context entities, in order; empty when none
 */
public record CapturedEvent(String eventType, String eventId, Map<String, String> parameters,
		@Nullable SelfDescribingNode selfDescribingEvent, List<SelfDescribingNode> contexts) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// Longer self-describing data is cut in summaries, so that a failure message stays readable.
	private static final int SUMMARY_DATA_LENGTH = 120;

	/** Copies the parameters and contexts. */
	public CapturedEvent {
		Objects.requireNonNull(eventType, "eventType must not be null");
		Objects.requireNonNull(eventId, "eventId must not be null");
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		contexts = List.copyOf(contexts);
	}

	/**
	 * Decodes a payload handed to an emitter.
	 * @param payload the payload
	 * @return the event
	 * @throws IllegalArgumentException when it has no {@code e} or {@code eid}, or its JSON
	 * parameters cannot be decoded
	 */
	public static CapturedEvent of(Payload payload) {
		return of(payload.toMap());
	}

	/**
	 * Decodes an event given as its parameters, such as an event a collector received
	 * ({@code LoopbackCollector.events()}).
	 * @param parameters the parameters
	 * @return the event
	 * @throws IllegalArgumentException when it has no {@code e} or {@code eid}, or its JSON
	 * parameters cannot be decoded
	 */
	public static CapturedEvent of(Map<String, String> parameters) {
		String eventType = parameters.get("e");
		String eventId = parameters.get(Payload.EVENT_ID);
		if (eventType == null || eventId == null) {
			throw new IllegalArgumentException("not a Snowplow event, it has no " + ((eventType == null) ? "e" : "eid")
					+ " parameter: " + parameters);
		}
		SelfDescribingNode event = null;
		JsonNode unstruct = json(parameters, "ue_px", "ue_pr");
		if (unstruct != null) {
			event = selfDescribing(unstruct.path("data"), "the self-describing event");
		}
		List<SelfDescribingNode> contexts = new ArrayList<>();
		JsonNode envelope = json(parameters, "cx", "co");
		if (envelope != null) {
			JsonNode entities = envelope.path("data");
			if (!entities.isArray()) {
				throw new IllegalArgumentException("the contexts envelope has no data array: " + envelope);
			}
			for (int i = 0; i < entities.size(); i++) {
				contexts.add(selfDescribing(entities.get(i), "context entity " + i));
			}
		}
		return new CapturedEvent(eventType, eventId, parameters, event, contexts);
	}

	/**
	 * The value of one parameter.
	 * @param name the parameter, such as {@code url} or {@code se_ca}
	 * @return its value, or null when the event has none
	 */
	public @Nullable String get(String name) {
		return this.parameters.get(name);
	}

	/**
	 * Whether this event is of the given type.
	 * @param type the type
	 * @return whether {@code e} is its code
	 */
	public boolean is(EventType type) {
		return type.code().equals(this.eventType);
	}

	/**
	 * The first context entity of a schema.
	 * @param schema the entity's Iglu URI
	 * @return the entity, or null when the event carries none of that schema
	 */
	public @Nullable SelfDescribingNode context(String schema) {
		for (SelfDescribingNode entity : this.contexts) {
			if (entity.schema().equals(schema)) {
				return entity;
			}
		}
		return null;
	}

	/**
	 * One line that says what the event is, for failure messages: its type, its main fields,
	 * and its context entities; for example
	 * {@code se category="checkout" action="complete" label="order-1" value=42.5}.
	 * @return the summary
	 */
	public String summary() {
		StringBuilder summary = new StringBuilder(this.eventType);
		switch (this.eventType) {
			case "pv" -> append(summary, "url", "url", "title", "page", "referrer", "refr");
			case "pp" -> append(summary, "url", "url");
			case "se" -> appendStructured(summary);
			case "ue" -> {
				if (this.selfDescribingEvent != null) {
					summary.append(' ').append(this.selfDescribingEvent.schema()).append(' ')
						.append(abbreviate(this.selfDescribingEvent.data().toString()));
				}
			}
			case "tr" -> {
				append(summary, "order", "tr_id");
				appendNumber(summary, "total", "tr_tt");
				append(summary, "currency", "tr_cu");
			}
			case "ti" -> {
				append(summary, "order", "ti_id", "sku", "ti_sk");
				appendNumber(summary, "quantity", "ti_qu");
				appendNumber(summary, "price", "ti_pr");
			}
			default -> summary.append(" eid=").append(this.eventId);
		}
		if (!this.contexts.isEmpty()) {
			summary.append(" contexts=[");
			for (int i = 0; i < this.contexts.size(); i++) {
				SelfDescribingNode entity = this.contexts.get(i);
				summary.append((i > 0) ? ", " : "").append(entity.schema()).append(' ')
					.append(abbreviate(entity.data().toString()));
			}
			summary.append(']');
		}
		return summary.toString();
	}

	/** The {@link #summary()} and the event id. */
	@Override
	public String toString() {
		return summary() + " (eid " + this.eventId + ")";
	}

	private void appendStructured(StringBuilder summary) {
		append(summary, "category", "se_ca", "action", "se_ac", "label", "se_la", "property", "se_pr");
		appendNumber(summary, "value", "se_va");
	}

	private void append(StringBuilder summary, String... labelsAndParameters) {
		for (int i = 0; i < labelsAndParameters.length; i += 2) {
			String value = this.parameters.get(labelsAndParameters[i + 1]);
			if (value != null) {
				summary.append(' ').append(labelsAndParameters[i]).append("=\"").append(value).append('"');
			}
		}
	}

	private void appendNumber(StringBuilder summary, String label, String parameter) {
		String value = this.parameters.get(parameter);
		if (value != null) {
			summary.append(' ').append(label).append('=').append(value);
		}
	}

	private static String abbreviate(String json) {
		return (json.length() <= SUMMARY_DATA_LENGTH) ? json : json.substring(0, SUMMARY_DATA_LENGTH - 3) + "...";
	}

	private static @Nullable JsonNode json(Map<String, String> parameters, String encodedName, String plainName) {
		String encoded = parameters.get(encodedName);
		if (encoded != null) {
			byte[] decoded;
			try {
				// The tracker uses the URL-safe alphabet; other trackers may not.
				decoded = Base64.getUrlDecoder().decode(encoded.replace('+', '-').replace('/', '_'));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(encodedName + " is not base64: " + ex.getMessage(), ex);
			}
			return parse(new String(decoded, StandardCharsets.UTF_8), encodedName);
		}
		String plain = parameters.get(plainName);
		return (plain != null) ? parse(plain, plainName) : null;
	}

	private static JsonNode parse(String json, String parameter) {
		try {
			JsonNode node = JSON.readTree(json);
			if (node == null || !node.isObject()) {
				throw new IllegalArgumentException(parameter + " is not a JSON object: " + json);
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(parameter + " is not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private static SelfDescribingNode selfDescribing(JsonNode node, String what) {
		JsonNode schema = node.path("schema");
		if (!schema.isString() || !node.has("data")) {
			throw new IllegalArgumentException(what + " is not a self-describing JSON {schema, data}: " + node);
		}
		return new SelfDescribingNode(schema.stringValue(), node.get("data"));
	}

}
