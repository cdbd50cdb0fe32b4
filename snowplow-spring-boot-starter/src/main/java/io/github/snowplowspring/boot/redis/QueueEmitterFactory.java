package io.github.snowplowspring.boot.redis;

import java.time.Duration;

import io.github.snowplowspring.boot.autoconfigure.EmitterContext;
import io.github.snowplowspring.boot.autoconfigure.EmitterFactory;
import io.github.snowplowspring.boot.autoconfigure.InvalidSnowplowConfigurationException;
import io.github.snowplowspring.boot.autoconfigure.SnowplowProperties;
import io.github.snowplowspring.tracker.emitter.Emitter;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Builds {@code queue} emitters (the Python CeleryEmitter, on Redis Streams): each batch becomes
 * one task in the stream, which workers in any application consume and send.
 */
public final class QueueEmitterFactory implements EmitterFactory {

	static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);

	private final StringRedisTemplate redis;

	/**
	 * Creates a factory.
	 * @param redis the template the emitters write with
	 */
	public QueueEmitterFactory(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public boolean supports(String type) {
		return "queue".equals(type);
	}

	@Override
	public Emitter create(String name, SnowplowProperties.EmitterProperties properties, EmitterContext context) {
		String stream = properties.getStream();
		if (stream == null || stream.isBlank()) {
			throw new InvalidSnowplowConfigurationException("snowplow.emitters." + name + ".stream", stream,
					"a queue emitter needs the name of its stream", "Set it, for example to snowplow:tasks.");
		}
		return context.configure(name, properties, new RedisStreamTransport(this.redis, stream), true,
				DEFAULT_FLUSH_INTERVAL)
			.build();
	}

}
