package io.github.snowplowspring.tracker.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.snowplowspring.tracker.payload.Payload;

/**
 * Events as JSON objects, batched in a self-describing {@code payload_data} 1-0-4 body. The
 * body is a concatenation of the buffered bytes with {@code "stm"} spliced into each object,
 * never a re-encoding.
 */
public final class JsonWireFormat implements WireFormat {

	/** The schema of a POST body. */
	public static final String PAYLOAD_DATA_SCHEMA = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";

	private static final byte[] BODY_START = ("{\"schema\":\"" + PAYLOAD_DATA_SCHEMA + "\",\"data\":[")
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BODY_END = "]}".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] STM_START = "{\"stm\":\"".getBytes(StandardCharsets.US_ASCII);

	// Epoch milliseconds have 13 digits from 2001 to 2286.
	private static final int STM_DIGITS = 13;

	// {"stm":"1700000000000", replaces the opening brace.
	private static final int STM_SPLICE = STM_START.length + STM_DIGITS + 2 - 1;

	JsonWireFormat() {
	}

	@Override
	public byte[] encode(Payload payload) {
		return payload.toJson();
	}

	@Override
	public Payload decode(byte[] encoded) {
		return Payload.fromJson(encoded);
	}

	@Override
	public int maxEventsPerRequest() {
		return Integer.MAX_VALUE;
	}

	@Override
	public long requestBytes(int events, long eventBytes) {
		return BODY_START.length + BODY_END.length + eventBytes + (long) events * STM_SPLICE + Math.max(0, events - 1);
	}

	/** The POST body for these events, each stamped with {@code stm}. */
	public byte[] body(List<EncodedEvent> events, long stm) {
		byte[] stmBytes = (Long.toString(stm) + "\",").getBytes(StandardCharsets.US_ASCII);
		// Sized exactly and written in place: a growing buffer would copy the whole body again.
		int size = BODY_START.length + BODY_END.length + Math.max(0, events.size() - 1);
		for (EncodedEvent event : events) {
			size += STM_START.length + stmBytes.length + event.size() - 1;
		}
		byte[] body = new byte[size];
		System.arraycopy(BODY_START, 0, body, 0, BODY_START.length);
		int at = BODY_START.length;
		for (int i = 0; i < events.size(); i++) {
			if (i > 0) {
				body[at++] = ',';
			}
			byte[] event = events.get(i).bytes();
			System.arraycopy(STM_START, 0, body, at, STM_START.length);
			at += STM_START.length;
			System.arraycopy(stmBytes, 0, body, at, stmBytes.length);
			at += stmBytes.length;
			System.arraycopy(event, 1, body, at, event.length - 1);
			at += event.length - 1;
		}
		System.arraycopy(BODY_END, 0, body, at, BODY_END.length);
		return body;
	}

}
