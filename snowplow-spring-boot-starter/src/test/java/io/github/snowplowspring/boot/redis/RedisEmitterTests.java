package io.github.snowplowspring.boot.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.testcollector.RedisServer;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Redis emitter against a real redis-server that the tests start on a free port. */
class RedisEmitterTests {

	private static RedisTestSupport redis;

	private static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startRedis() {
		redis = new RedisTestSupport(RedisServer.start());
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void emptyRedis() {
		redis.flushAll();
	}

	@Test
	void eachEventIsStoredAsAJsonObjectOfStringsWithoutStm() {
		redis.runner().withPropertyValues("snowplow.emitters.store.type=redis").run((context) -> {
			Tracker tracker = context.getBean(Tracker.class);
			BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("store");
			assertThat(emitter.isAsync()).isTrue();
			assertThat(emitter.flushInterval()).isEqualTo(Duration.ofMillis(200));
			List<Payload> tracked = new ArrayList<>();
			CapturingTracker capture = new CapturingTracker(tracker, tracked);
			capture.track(PageView.builder("https://shop.example/").title("Shop").build());
			capture.track(Structured.builder("basket", "add").value(2.5).build());
			capture.track(SelfDescribing.builder("iglu:com.acme/thing/jsonschema/1-0-0", Map.of("a", 1)).build());
			await().atMost(Duration.ofSeconds(5)).until(() -> redis.redis.opsForList().size("snowplow") == 3);
			List<String> stored = redis.redis.opsForList().range("snowplow", 0, -1);
			for (int i = 0; i < 3; i++) {
				JsonNode element = json.readTree(stored.get(i));
				assertThat(element.isObject()).isTrue();
				assertThat(element.has("stm")).isFalse();
				Map<String, String> fields = new LinkedHashMap<>();
				element.properties().forEach((property) -> {
					assertThat(property.getValue().isString()).as(property.getKey()).isTrue();
					fields.put(property.getKey(), property.getValue().asString());
				});
				assertThat(fields).isEqualTo(tracked.get(i).toMap());
			}
			assertThat(emitter.stats().sent()).isEqualTo(3);
		});
	}

	@Test
	void theKeyIsConfigurable() {
		redis.runner().withPropertyValues("snowplow.emitters.store.type=redis", "snowplow.emitters.store.key={shop}:events")
			.run((context) -> {
				context.getBean(Tracker.class).track(PageView.builder("https://shop.example/").build());
				await().atMost(Duration.ofSeconds(5)).until(() -> redis.redis.opsForList().size("{shop}:events") == 1);
			});
	}

	@Test
	void aRedisRestartWhileTrackingLosesNothing() throws Exception {
		try (RedisTestSupport durable = new RedisTestSupport(RedisServer.startDurable())) {
			durable.runner()
				.withPropertyValues("snowplow.emitters.store.type=redis", "snowplow.emitters.store.retry.initial-backoff=50ms",
						"snowplow.emitters.store.retry.max-backoff=500ms")
				.run((context) -> {
					Tracker tracker = context.getBean(Tracker.class);
					BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("store");
					Set<String> ids = new java.util.HashSet<>();
					for (int i = 0; i < 3_000; i++) {
						ids.add(tracker.track(PageView.builder("https://shop.example/" + i).build()));
						if (i == 1_000) {
							durable.server.restart();
						}
						if (i % 100 == 0) {
							Thread.sleep(5);
						}
					}
					assertThat(emitter.flush(Duration.ofSeconds(30)).pending()).isZero();
					assertThat(emitter.stats().droppedTotal()).isZero();
					List<String> stored = durable.redis.opsForList().range("snowplow", 0, -1);
					Set<String> storedIds = new java.util.HashSet<>();
					for (String element : stored) {
						storedIds.add(json.readTree(element).get("eid").asString());
					}
					// Nothing lost; Lettuce may resend a command in flight when the connection drops.
					assertThat(storedIds).isEqualTo(ids);
					assertThat(stored.size() - storedIds.size()).as("duplicates").isLessThanOrEqualTo(500);
				});
		}
	}

	/** Records the payloads a tracker builds, through a custom emitter next to the Redis one. */
	private record CapturingTracker(Tracker tracker, List<Payload> payloads) {

		CapturingTracker {
			tracker.addEmitter(payloads::add);
		}

		void track(io.github.snowplowspring.tracker.event.Event event) {
			this.tracker.track(event);
		}

	}

}
