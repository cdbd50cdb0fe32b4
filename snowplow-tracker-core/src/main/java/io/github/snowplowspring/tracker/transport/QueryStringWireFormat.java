package io.github.snowplowspring.tracker.transport;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.github.snowplowspring.tracker.payload.Payload;

/**
 * Events as URL-encoded query strings for GET {@code /i}, one event per request. Spaces are
 * {@code %20}, as the Java tracker sends them.
 */
public final class QueryStringWireFormat implements WireFormat {

	// stm=1700000000000& in front of the event's own parameters.
	private static final int STM_PREFIX = "stm=".length() + 13 + 1;

	QueryStringWireFormat() {
	}

	@Override
	public byte[] encode(Payload payload) {
		StringBuilder query = new StringBuilder(256);
		payload.forEach((name, value) -> {
			if (query.length() > 0) {
				query.append('&');
			}
			query.append(encode(name)).append('=').append(encode(value));
		});
		return query.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public Payload decode(byte[] encoded) {
		String query = new String(encoded, StandardCharsets.US_ASCII);
		Payload.Builder payload = Payload.builder(24);
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				payload.add(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return payload.build();
	}

	@Override
	public int maxEventsPerRequest() {
		return 1;
	}

	@Override
	public long requestBytes(int events, long eventBytes) {
		return eventBytes + (long) events * STM_PREFIX;
	}

	/** The query string of one event stamped with {@code stm}. */
	public String queryString(EncodedEvent event, long stm) {
		return "stm=" + stm + "&" + new String(event.bytes(), StandardCharsets.US_ASCII);
	}

}
