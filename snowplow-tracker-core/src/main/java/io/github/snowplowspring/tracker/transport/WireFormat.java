package io.github.snowplowspring.tracker.transport;

import io.github.snowplowspring.tracker.payload.Payload;

/**
 * How a transport wants events encoded, how big a request carrying them is, and how many one
 * request may carry. The emitter encodes each event once, when it is accepted, and cuts batches
 * with these rules so that no request exceeds the byte limit.
 */
public interface WireFormat {

	/** JSON objects sent in a {@code payload_data} POST body: any number per request. */
	WireFormat JSON = new JsonWireFormat();

	/** URL-encoded query strings for GET {@code /i}: one event per request. */
	WireFormat QUERY_STRING = new QueryStringWireFormat();

	/**
	 * JSON objects of strings, any number per request, each request costing a fixed overhead plus
	 * a separator between events: (0, 0) for Redis list elements, (2, 1) for a JSON array.
	 * @param requestOverhead bytes a request adds around its events
	 * @param separatorBytes bytes between two events
	 * @return the format
	 */
	static WireFormat jsonObjects(long requestOverhead, long separatorBytes) {
		return new JsonObjectsWireFormat(requestOverhead, separatorBytes);
	}

	/** Encodes one payload (without {@code stm}). */
	byte[] encode(Payload payload);

	/** Decodes what {@link #encode(Payload)} made, for listeners and diagnostics. */
	Payload decode(byte[] encoded);

	/** The most events one request may carry. */
	int maxEventsPerRequest();

	/**
	 * The exact size in bytes of a request carrying {@code events} events whose encoded sizes add
	 * up to {@code eventBytes}, including envelope and {@code stm}.
	 */
	long requestBytes(int events, long eventBytes);

}
