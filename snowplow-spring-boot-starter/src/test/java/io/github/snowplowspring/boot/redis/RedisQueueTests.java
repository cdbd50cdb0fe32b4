package io.github.snowplowspring.boot.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RedisServer;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.event.PageView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The task-queue emitter (the CeleryEmitter) on Redis Streams, and its workers. */
class RedisQueueTests {

	private static final String STREAM = "snowplow:tasks";

	private static RedisTestSupport redis;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final LoopbackCollector collector = LoopbackCollector.start();

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

	@AfterEach
	void stopCollector() {
		this.collector.close();
	}

	@Test
	void eachBatchBecomesOneTaskWithAJsonArrayOfEvents() {
		redis.runner().withPropertyValues("snowplow.emitters.tasks.type=queue", "snowplow.emitters.tasks.buffer-size=5")
			.run((context) -> {
				Tracker tracker = context.getBean(Tracker.class);
				Set<String> ids = track(tracker, 10);
				BatchEmitter emitter = (BatchEmitter) context.getBean(EmitterRegistry.class).get("tasks");
				assertThat(emitter.flush(Duration.ofSeconds(5)).pending()).isZero();
				List<MapRecord<String, Object, Object>> tasks = redis.redis.opsForStream().range(STREAM, Range.unbounded());
				assertThat(tasks).hasSize(2);
				Set<String> stored = new HashSet<>();
				for (MapRecord<String, Object, Object> task : tasks) {
					assertThat(task.getValue()).containsOnlyKeys("payload");
					JsonNode events = json.readTree(task.getValue().get("payload").toString());
					assertThat(events.isArray()).isTrue();
					assertThat(events.size()).isEqualTo(5);
					events.forEach((event) -> {
						assertThat(event.has("stm")).isFalse();
						assertThat(event.get("dtm").isString()).isTrue();
						stored.add(event.get("eid").asString());
					});
				}
				assertThat(stored).isEqualTo(ids);
			});
	}

	@Test
	void tasksGoThroughTheStreamToTheCollector() {
		workers(2).withPropertyValues("snowplow.emitters.tasks.type=queue", "snowplow.emitters.tasks.buffer-size=10")
			.run((context) -> {
				assertThat(context.getBean(EmitterRegistry.class).names()).containsExactly("tasks");
				Set<String> ids = track(context.getBean(Tracker.class), 200);
				assertThat(this.collector.awaitUniqueEvents(200, Duration.ofSeconds(20))).isEqualTo(ids);
				assertThat(this.collector.duplicates()).isZero();
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
					assertThat(redis.redis.opsForStream().size(STREAM)).isZero();
					assertThat(status(context).sent()).isEqualTo(200);
				});
			});
	}

	@Test
	void aTaskWrittenBeforeAnyWorkerStartedIsConsumed() {
		Set<String> ids = addTask(3);
		workers(1).run((context) -> assertThat(this.collector.awaitUniqueEvents(3, Duration.ofSeconds(10))).isEqualTo(ids));
	}

	@Test
	void aConsumerKilledAfterReadingAndBeforeAcknowledgingHasItsTaskClaimedAndDelivered() {
		Set<String> ids = addTask(4);
		redis.redis.opsForStream().createGroup(STREAM, ReadOffset.from("0"), "snowplow-workers");
		// A consumer reads the task, then dies: it stays pending under that consumer.
		List<MapRecord<String, Object, Object>> read = redis.redis.opsForStream()
			.read(Consumer.from("snowplow-workers", "killed-consumer"), StreamOffset.create(STREAM, ReadOffset.lastConsumed()));
		assertThat(read).hasSize(1);
		workers(1).withPropertyValues("snowplow.worker.claim-timeout=1500ms").run((context) -> {
			assertThat(this.collector.awaitUniqueEvents(4, Duration.ofSeconds(15))).isEqualTo(ids);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(status(context).recovered()).isEqualTo(1);
				assertThat(redis.redis.opsForStream().pending(STREAM, "snowplow-workers").getTotalPendingMessages())
					.isZero();
			});
		});
	}

	@Test
	void twoInstancesShareTheWorkAndDeliverEveryEventOnce() {
		this.collector.setDefaultResponse(Response.ok().delay(Duration.ofMillis(5)));
		ApplicationContextRunner runner = workers(2);
		runner.run((first) -> runner.run((second) -> {
			// Both instances wait on the stream before anything is in it, so both get a share.
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < 100; i++) {
				ids.addAll(addTask(10));
			}
			assertThat(this.collector.awaitUniqueEvents(1_000, Duration.ofSeconds(30))).isEqualTo(ids);
			assertThat(this.collector.duplicates()).isZero();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(status(first).sent()).isPositive();
				assertThat(status(second).sent()).isPositive();
				assertThat(status(first).sent() + status(second).sent()).isEqualTo(1_000);
			});
		}));
	}

	@Test
	void aTaskThatAlwaysFailsEndsInTheDeadLetterStreamAfterMaxDeliveries() {
		this.collector.setDefaultResponse(Response.status(503));
		addTask(2);
		workers(1).withPropertyValues("snowplow.worker.claim-timeout=1200ms", "snowplow.worker.stream.max-deliveries=3")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(20)).until(() -> redis.redis.opsForStream().size(STREAM + ":dead") == 1);
				MapRecord<String, Object, Object> letter = redis.redis.opsForStream()
					.range(STREAM + ":dead", Range.unbounded())
					.get(0);
				assertThat(letter.getValue()).containsOnlyKeys("payload", "reason", "deliveries");
				assertThat(letter.getValue().get("deliveries")).isEqualTo("3");
				assertThat(letter.getValue().get("reason").toString()).contains("3 deliveries").contains("HTTP 503");
				assertThat(json.readTree(letter.getValue().get("payload").toString()).size()).isEqualTo(2);
				assertThat(this.collector.requests()).hasSize(3);
				assertThat(redis.redis.opsForStream().size(STREAM)).isZero();
			});
	}

	@Test
	void aTaskRefusedForGoodGoesStraightToTheDeadLetterStream() {
		this.collector.setDefaultResponse(Response.status(400));
		addTask(2);
		workers(1).run((context) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> redis.redis.opsForStream().size(STREAM + ":dead") == 1);
			MapRecord<String, Object, Object> letter = redis.redis.opsForStream()
				.range(STREAM + ":dead", Range.unbounded())
				.get(0);
			assertThat(letter.getValue().get("reason").toString()).contains("HTTP 400");
			assertThat(letter.getValue().get("deliveries")).isEqualTo("1");
			assertThat(this.collector.requests()).hasSize(1);
		});
	}

	private ApplicationContextRunner workers(int concurrency) {
		return redis.runner()
			.withPropertyValues("snowplow.emitters.collector.type=async",
					"snowplow.emitters.collector.endpoint=" + this.collector.uri(),
					"snowplow.emitters.collector.request-timeout=1s", "snowplow.worker.enabled=true",
					"snowplow.worker.send-to=collector", "snowplow.worker.concurrency=" + concurrency,
					"snowplow.worker.claim-timeout=5s", "snowplow.worker.stream.name=" + STREAM);
	}

	private static WorkerStatus status(ApplicationContext context) {
		return context.getBean(SnowplowRedisAutoConfiguration.RedisWorkers.class).status().get("stream:" + STREAM);
	}

	private static Set<String> track(Tracker tracker, int count) {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < count; i++) {
			ids.add(tracker.track(PageView.builder("https://shop.example/" + i).build()));
		}
		return ids;
	}

	private static Set<String> addTask(int events) {
		Set<String> ids = new HashSet<>();
		List<String> elements = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			String id = UUID.randomUUID().toString();
			ids.add(id);
			elements.add("{\"e\":\"pv\",\"eid\":\"" + id + "\",\"url\":\"https://a.example/" + i
					+ "\",\"dtm\":\"1700000000000\",\"tv\":\"spring-test\",\"p\":\"srv\"}");
		}
		redis.redis.opsForStream()
			.add(StreamRecords.string(Map.of("payload", "[" + String.join(",", elements) + "]")).withStreamKey(STREAM));
		return ids;
	}


}
