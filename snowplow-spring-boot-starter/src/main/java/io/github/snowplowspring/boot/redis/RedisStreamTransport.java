package io.github.snowplowspring.boot.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.EncodedEvent;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Adds each batch to a Redis stream as one task ({@code XADD}): an entry with one field,
 * {@code payload}, holding a JSON array of events in the Redis format (JSON objects of strings,
 * no {@code stm}). This is a wire contract between versions and instances.
 */
public final class RedisStreamTransport implements Transport {

	/** The field of a stream entry that holds the task. */
	public static final String PAYLOAD_FIELD = "payload";

	/** Events as JSON objects, joined into one JSON array per task. */
	static final WireFormat FORMAT = WireFormat.jsonObjects(2, 1);

	private final StringRedisTemplate redis;

	private final String stream;

	/**
	 * Creates a transport.
	 * @param redis the template to write with
	 * @param stream the stream's name
	 */
	public RedisStreamTransport(StringRedisTemplate redis, String stream) {
		this.redis = redis;
		this.stream = stream;
	}

	@Override
	public WireFormat wireFormat() {
		return FORMAT;
	}

	@Override
	public Outcome send(Batch batch) {
		StringBuilder payload = new StringBuilder((int) FORMAT.requestBytes(batch.size(), batch.eventBytes()));
		payload.append('[');
		for (EncodedEvent event : batch.events()) {
			if (payload.length() > 1) {
				payload.append(',');
			}
			payload.append(new String(event.bytes(), StandardCharsets.UTF_8));
		}
		payload.append(']');
		try {
			this.redis.opsForStream()
				.add(StreamRecords.string(Map.of(PAYLOAD_FIELD, payload.toString())).withStreamKey(this.stream));
			return Outcome.ok();
		}
		catch (DataAccessException ex) {
			return new Outcome.Error(ex);
		}
	}

	@Override
	public String toString() {
		return "RedisStreamTransport[" + this.stream + "]";
	}

}
