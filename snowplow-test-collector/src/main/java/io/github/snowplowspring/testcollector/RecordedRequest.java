package io.github.snowplowspring.testcollector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One request as the collector read it, and what it answered.
 *
 * @param connection the number of the TCP connection it came on; equal numbers mean a reused connection
 * @param method the HTTP method
 * @param path the raw request path, including the collector's base path, without the query
 * @param rawQuery the raw (still encoded) query string, or {@code null} when there is none
 * @param headers the request headers; names are case-insensitive
 * @param body the request body, decompressed when it came with {@code Content-Encoding: gzip}
 * @param receivedAt when the collector had read the whole request
 * @param events the events the request carried, each a map of parameter name to value
 *     (empty when the request could not be decoded)
 * @param status the HTTP status answered, or {@link #NO_RESPONSE} when the collector closed the
 *     connection or hung instead (and, inside a response script, because nothing is answered yet)
 * @param stored whether the collector counted the events as received
 */
public record RecordedRequest(
		long connection,
		String method,
		String path,
		@Nullable String rawQuery,
		Map<String, List<String>> headers,
		byte[] body,
		Instant receivedAt,
		List<Map<String, String>> events,
		int status,
		boolean stored) {

	/** The {@link #status()} of a request that got no HTTP answer. */
	public static final int NO_RESPONSE = -1;

	/** Makes the collections read-only and the header names case-insensitive. */
	public RecordedRequest {
		TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
		headers = Collections.unmodifiableMap(byName);
		events = List.copyOf(events);
	}

	/**
	 * The first value of a request header.
	 *
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the header is absent
	 */
	public @Nullable String header(String name) {
		List<String> values = headers.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/**
	 * A copy of the body bytes.
	 *
	 * @return the body
	 */
	@Override
	public byte[] body() {
		return body.clone();
	}

	/**
	 * The body decoded as UTF-8.
	 *
	 * @return the body text
	 */
	public String bodyAsString() {
		return new String(body, StandardCharsets.UTF_8);
	}

	/**
	 * Whether the collector sent an HTTP answer.
	 *
	 * @return {@code false} for the connection faults
	 */
	public boolean answered() {
		return status != NO_RESPONSE;
	}

	RecordedRequest withBody(byte[] decoded) {
		return new RecordedRequest(connection, method, path, rawQuery, headers, decoded, receivedAt, events, status, stored);
	}

	RecordedRequest withEvents(List<Map<String, String>> carried) {
		return new RecordedRequest(connection, method, path, rawQuery, headers, body, receivedAt, carried, status, stored);
	}

	RecordedRequest answeredWith(Response response) {
		return new RecordedRequest(connection, method, path, rawQuery, headers, body, receivedAt, events,
				response.status(), response.storesEvents());
	}

	@Override
	public String toString() {
		return "RecordedRequest[" + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery)
				+ ", connection " + connection + ", " + body.length + " body bytes, " + events.size()
				+ " events, status " + status + (stored ? ", stored" : "") + "]";
	}
}
