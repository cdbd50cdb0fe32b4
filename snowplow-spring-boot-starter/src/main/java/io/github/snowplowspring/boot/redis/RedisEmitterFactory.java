package io.github.snowplowspring.boot.redis;

import java.time.Duration;

import io.github.snowplowspring.boot.autoconfigure.EmitterContext;
import io.github.snowplowspring.boot.autoconfigure.EmitterFactory;
import io.github.snowplowspring.boot.autoconfigure.InvalidSnowplowConfigurationException;
import io.github.snowplowspring.boot.autoconfigure.SnowplowProperties;
import io.github.snowplowspring.tracker.emitter.Emitter;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Builds {@code redis} emitters (the Python RedisEmitter) on the delivery engine: events wait in
 * the bounded buffer and are appended off the caller's thread, at most {@code thread-count}
 * writes in flight, so that a Redis outage fills our bounded buffer rather than Lettuce's
 * unbounded command queue.
 */
public final class RedisEmitterFactory implements EmitterFactory {

	static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

	private final StringRedisTemplate redis;

	/**
	 * Creates a factory.
	 * @param redis the template the emitters write with
	 */
	public RedisEmitterFactory(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public boolean supports(String type) {
		return "redis".equals(type);
	}

	@Override
	public Emitter create(String name, SnowplowProperties.EmitterProperties properties, EmitterContext context) {
		String key = properties.getKey();
		if (key == null || key.isBlank()) {
			throw new InvalidSnowplowConfigurationException("snowplow.emitters." + name + ".key", key,
					"a redis emitter needs the key of its list", "Set it, for example to snowplow.");
		}
		return context.configure(name, properties, new RedisListTransport(this.redis, key), true, DEFAULT_FLUSH_INTERVAL)
			.build();
	}

}
