package io.github.snowplowspring.tracker.transport;

import io.github.snowplowspring.tracker.payload.Payload;

/**
 * Events as JSON objects of strings (without {@code stm}), any number per request, for
 * destinations other than a collector: a Redis list element each, or a JSON array per task.
 */
final class JsonObjectsWireFormat implements WireFormat {

	private final long requestOverhead;

	private final long separatorBytes;

	JsonObjectsWireFormat(long requestOverhead, long separatorBytes) {
		this.requestOverhead = requestOverhead;
		this.separatorBytes = separatorBytes;
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
		return this.requestOverhead + eventBytes + this.separatorBytes * Math.max(0, events - 1);
	}

}
