package io.github.snowplowspring.boot.redis;

import java.nio.charset.StandardCharsets;

import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Appends each batch to a Redis list with one variadic {@code RPUSH}: every element is one event
 * as a JSON object of strings, without {@code stm} (the Python RedisEmitter's list of JSON
 * strings, which a Python worker can read too).
 */
public final class RedisListTransport implements Transport {

	/** One JSON object per element; a batch costs what its events cost. */
	static final WireFormat FORMAT = WireFormat.jsonObjects(0, 0);

	private final StringRedisTemplate redis;

	private final String key;

	private final byte[] rawKey;

	/**
	 * Creates a transport.
	 * @param redis the template to write with
	 * @param key the list's key
	 */
	public RedisListTransport(StringRedisTemplate redis, String key) {
		this.redis = redis;
		this.key = key;
		this.rawKey = key.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public WireFormat wireFormat() {
		return FORMAT;
	}

	@Override
	public Outcome send(Batch batch) {
		// The buffered bytes are the element bytes: no decoding into strings and encoding back.
		byte[][] elements = new byte[batch.size()][];
		for (int i = 0; i < elements.length; i++) {
			elements[i] = batch.events().get(i).bytes();
		}
		try {
			this.redis.execute((RedisCallback<Long>) (connection) -> connection.listCommands()
				.rPush(this.rawKey, elements));
			return Outcome.ok();
		}
		catch (DataAccessException ex) {
			return new Outcome.Error(ex);
		}
	}

	@Override
	public String toString() {
		return "RedisListTransport[" + this.key + "]";
	}

}
