package io.github.snowplowspring.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.snowplowspring.tracker.payload.Payload;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * The raw Redis baseline: events serialized beforehand, appended with variadic {@code RPUSH}es
 * of {@code batchSize} elements, pipelined on one Lettuce connection ({@code window} commands
 * written in one flush, then awaited).
 */
final class RawRedis {

	private RawRedis() {
	}

	/**
	 * Appends for at most {@code duration} and {@code maxEvents}, timed from the first command
	 * (connecting is not); the events Redis took and the time.
	 */
	static Pushed run(int port, byte[] key, List<Payload> samples, int batchSize, int window, Duration duration,
			long maxEvents) {
		byte[][] values = new byte[batchSize][];
		for (int i = 0; i < batchSize; i++) {
			values[i] = samples.get(i % samples.size()).toJson();
		}
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			connection.setAutoFlushCommands(false);
			RedisAsyncCommands<byte[], byte[]> redis = connection.async();
			long start = System.nanoTime();
			long deadline = start + duration.toNanos();
			long pushed = 0;
			List<RedisFuture<Long>> replies = new ArrayList<>(window);
			while (System.nanoTime() < deadline && pushed + (long) batchSize * window <= maxEvents) {
				replies.clear();
				for (int i = 0; i < window; i++) {
					replies.add(redis.rpush(key, values));
				}
				connection.flushCommands();
				if (!LettuceFutures.awaitAll(10, TimeUnit.SECONDS, replies.toArray(new RedisFuture[0]))) {
					throw new IllegalStateException("Redis did not answer within 10 s");
				}
				pushed += (long) batchSize * window;
			}
			return new Pushed(pushed, System.nanoTime() - start);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/** What a run appended, and in how long. */
	record Pushed(long events, long nanos) {
	}

}
