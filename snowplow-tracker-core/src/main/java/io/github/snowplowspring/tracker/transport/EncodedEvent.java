package io.github.snowplowspring.tracker.transport;

import java.util.Objects;

/**
 * One event in the form it goes on the wire (without {@code stm}, which is stamped at each
 * attempt): a buffered event costs about its wire size.
 *
 * @param eventId the event id ({@code eid})
 * @param bytes the encoded event, see {@link WireFormat}; never modified
 */
public record EncodedEvent(String eventId, byte[] bytes) {

	public EncodedEvent {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(bytes, "bytes");
	}

	/** The encoded size in bytes. */
	public int size() {
		return this.bytes.length;
	}

}
