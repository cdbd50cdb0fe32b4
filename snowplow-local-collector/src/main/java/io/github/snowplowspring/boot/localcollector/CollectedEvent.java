package io.github.snowplowspring.boot.localcollector;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.snowplowspring.iglu.Violation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One event the local collector received, or one request it could not read any event from.
 *
 * @param received when the request arrived
 * @param request the request's method and path, for example
 * {@code POST /com.snowplowanalytics.snowplow/tp2}
 * @param type the event type ({@code e}); null when there is none
 * @param eventId the event id ({@code eid}); null when there is none
 * @param violations what a pipeline would reject the event for, located from the event (for
 * example {@code ue_px.data.data}), or from the request body when the body itself is wrong;
 * empty when the event is good
 * @param parameters the event's parameters as sent; a value that is not a string in a POST body
 * is given as its JSON text
 * @param contexts the decoded {@code cx}/{@code co}: the array of context entities, or the whole
 * decoded JSON when it is not a contexts envelope; null when absent or not JSON
 * @param selfDescribingEvent the decoded {@code ue_px}/{@code ue_pr}: the event's schema and data,
 * or the whole decoded JSON when it is not an {@code unstruct_event} envelope; null when absent
 * or not JSON
 * @param body the start of the request body, when no event could be read from it
 */
@JsonPropertyOrder({ "received", "request", "type", "eventId", "valid", "violations", "parameters", "contexts",
		"selfDescribingEvent", "body" })
public record CollectedEvent(Instant received, String request, @Nullable String type, @Nullable String eventId,
		List<Violation> violations, Map<String, String> parameters, @Nullable JsonNode contexts,
		@Nullable JsonNode selfDescribingEvent, @Nullable String body) {

	/**
	 * Creates a record; the violations and parameters are copied, the parameters in their order.
	 */
	public CollectedEvent {
		violations = List.copyOf(violations);
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * Tells whether a pipeline would accept the event.
	 * @return {@code true} when there are no violations
	 */
	@JsonProperty("valid")
	public boolean valid() {
		return this.violations.isEmpty();
	}

}
