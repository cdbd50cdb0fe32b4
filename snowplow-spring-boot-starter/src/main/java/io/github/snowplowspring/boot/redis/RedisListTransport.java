package io.github.snowplowspring.boot.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.EncodedEvent;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;

import org.springframework.dao.DataAccessException;
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

	/**
	 * Creates a transport.
	 * @param redis the template to write with
	 * @param key the list's key
	 */
	public RedisListTransport(StringRedisTemplate redis, String key) {
		this.redis = redis;
		this.key = key;
	}

	@Override
	public WireFormat wireFormat() {
		return FORMAT;
	}

	@Override
	public Outcome send(Batch batch) {
		List<String> elements = new ArrayList<>(batch.size());
		for (EncodedEvent event : batch.events()) {
			elements.add(new String(event.bytes(), StandardCharsets.UTF_8));
		}
		try {
			this.redis.opsForList().rightPushAll(this.key, elements);
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
