package io.github.snowplowspring.boot.redis;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;
import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.testcollector.RedisServer;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers that drain a Redis list to a collector, against a real redis-server and a loopback
 * collector: nothing is lost, whatever dies when.
 */
class RedisWorkerTests {

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
	void anApplicationTracksToRedisAndItsWorkersSendToTheCollector() {
		workers(2).withPropertyValues("snowplow.emitters.store.type=redis").run((context) -> {
			Tracker tracker = context.getBean(Tracker.class);
			EmitterRegistry registry = context.getBean(EmitterRegistry.class);
			// The send-to emitter is only the workers': never attached to the tracker, so nothing goes twice.
			assertThat(registry.names()).containsExactly("store");
			assertThat(registry.sendTargets()).containsExactly("collector");
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < 500; i++) {
				ids.add(tracker.track(PageView.builder("https://shop.example/" + i).build()));
			}
			assertThat(this.collector.awaitUniqueEvents(500, Duration.ofSeconds(20))).isEqualTo(ids);
			assertThat(this.collector.duplicates()).isZero();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				WorkerStatus status = status(context);
				assertThat(status.sent()).isEqualTo(500);
				assertThat(status.threads()).isEqualTo(2);
				assertThat(status.liveWorkers()).isEqualTo(2);
				assertThat(status.length()).isZero();
				assertThat(status.processing()).isZero();
			});
			assertThat(redis.redis.keys("snowplow:processing:*")).isEmpty();
		});
	}

	@Test
	void aListInThePythonFormatIsDrainedAndDeliveredAsStrings() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(UUID.randomUUID().toString());
		}
		String unstruct = Base64.getUrlEncoder()
			.encodeToString(("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\","
					+ "\"data\":{\"schema\":\"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1\","
					+ "\"data\":{\"targetUrl\":\"https://a.example/\"}}}")
				.getBytes(StandardCharsets.UTF_8));
		// What the Python RedisEmitter stored: the tracker's dict, values not stringified, no stm.
		redis.redis.opsForList()
			.rightPushAll("snowplow",
					"{\"e\": \"pv\", \"url\": \"https://a.example/\", \"page\": \"A\", \"eid\": \"" + ids.get(0)
							+ "\", \"dtm\": 1700000000000, \"tv\": \"py-0.15.0\", \"p\": \"pc\", \"tna\": \"py\"}",
					"{\"e\": \"se\", \"se_ca\": \"shop\", \"se_ac\": \"add\", \"se_va\": 2.5, \"eid\": \"" + ids.get(1)
							+ "\", \"dtm\": 1700000000001, \"ttm\": 1700000000000, \"tv\": \"py-0.15.0\", \"p\": \"pc\"}",
					"{\"e\": \"ue\", \"ue_px\": \"" + unstruct + "\", \"eid\": \"" + ids.get(2)
							+ "\", \"dtm\": 1700000000002, \"tv\": \"py-0.15.0\", \"p\": \"pc\", \"tid\": 7515828}");
		workers(1).run((context) -> {
			assertThat(this.collector.awaitUniqueEvents(3, Duration.ofSeconds(10))).containsExactlyInAnyOrderElementsOf(ids);
			Map<String, String> structured = this.collector.events()
				.stream()
				.filter((event) -> "se".equals(event.get("e")))
				.findFirst()
				.orElseThrow();
			assertThat(structured).containsEntry("se_va", "2.5").containsEntry("dtm", "1700000000001");
			PayloadValidator validator = PayloadValidator.create();
			for (RecordedRequest request : this.collector.requests()) {
				assertThat(validator.validatePostBody(request.body()).violations()).isEmpty();
			}
		});
	}

	@Test
	void anElementThatIsNoEventGoesToTheDeadListAndTheRestIsDelivered() {
		String good = UUID.randomUUID().toString();
		redis.redis.opsForList()
			.rightPushAll("snowplow", "not json at all",
					"{\"e\":\"pv\",\"url\":\"https://a.example/\",\"eid\":\"" + good + "\",\"tv\":\"t\",\"p\":\"srv\"}",
					"{\"url\":\"https://a.example/\",\"tv\":\"t\",\"p\":\"srv\"}",
					"{\"e\":\"pv\",\"evn\":\"old\",\"tv\":\"t\",\"p\":\"srv\"}");
		workers(1).run((context) -> {
			assertThat(this.collector.awaitUniqueEvents(1, Duration.ofSeconds(10))).containsExactly(good);
			await().atMost(Duration.ofSeconds(5)).until(() -> redis.redis.opsForList().size("snowplow:dead") == 3);
			List<String> reasons = new ArrayList<>();
			for (String letter : redis.redis.opsForList().range("snowplow:dead", 0, -1)) {
				reasons.add(json.readTree(letter).get("reason").asString());
			}
			assertThat(reasons).anySatisfy((reason) -> assertThat(reason).startsWith("not JSON"))
				.anySatisfy((reason) -> assertThat(reason).isEqualTo("no event type (e)"))
				.anySatisfy((reason) -> assertThat(reason).contains("'evn' is not a payload_data 1-0-4 parameter"));
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(status(context).deadLettered()).isEqualTo(3));
		});
	}

	@Test
	void twoWorkerGroupsInParallelDeliverEveryEventExactlyOnce() {
		this.collector.setDefaultResponse(Response.ok().delay(Duration.ofMillis(5)));
		ApplicationContextRunner runner = workers(2).withPropertyValues("snowplow.worker.list.batch-size=20");
		runner.run((first) -> runner.run((second) -> {
			// Both groups wait on the list before anything is in it, so both get a share.
			Set<String> ids = fill(2_000);
			assertThat(this.collector.awaitUniqueEvents(2_000, Duration.ofSeconds(30))).isEqualTo(ids);
			assertThat(this.collector.duplicates()).isZero();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(status(first).sent()).isPositive();
				assertThat(status(second).sent()).isPositive();
				assertThat(status(first).sent() + status(second).sent()).isEqualTo(2_000);
			});
		}));
	}

	@Test
	void aWorkerKilledAfterItClaimedABatchLosesNothing() throws Exception {
		Set<String> ids = fill(30);
		// A worker in its own process, sending to a collector that never answers well: it claims and holds.
		try (LoopbackCollector failing = LoopbackCollector.start()) {
			failing.setDefaultResponse(Response.status(503));
			Process worker = startWorkerProcess(failing, "2s");
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> !redis.redis.keys("snowplow:processing:*").isEmpty());
				Set<String> claimedBy = redis.redis.keys("snowplow:processing:*");
				assertThat(redis.redis.opsForList().size(claimedBy.iterator().next())).isPositive();
			}
			finally {
				worker.destroyForcibly().waitFor();
			}
		}
		// Another worker sees the dead one's claim expire, returns it to the list, and delivers everything.
		workers(1).withPropertyValues("snowplow.worker.claim-timeout=2s").run((context) -> {
			assertThat(this.collector.awaitUniqueEvents(30, Duration.ofSeconds(20))).isEqualTo(ids);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(status(context).recovered()).isPositive());
			assertThat(redis.redis.keys("snowplow:processing:*")).isEmpty();
		});
	}

	@Test
	void aStoppedWorkerReturnsItsUnsentBatchToTheList() {
		Set<String> ids = fill(10);
		this.collector.setDefaultResponse(Response.status(503));
		workers(1).run((context) -> await().atMost(Duration.ofSeconds(10))
			.until(() -> !redis.redis.keys("snowplow:processing:*").isEmpty()));
		// The context closed while the batch waited for a retry: it is back in the list, in order.
		assertThat(redis.redis.keys("snowplow:processing:*")).isEmpty();
		List<String> stored = redis.redis.opsForList().range("snowplow", 0, -1);
		Set<String> storedIds = new HashSet<>();
		stored.forEach((element) -> storedIds.add(json.readTree(element).get("eid").asString()));
		assertThat(storedIds).isEqualTo(ids);
	}

	@Test
	void aListThatNobodyDrainsShowsItsBacklog() {
		fill(5);
		redis.runner()
			.withPropertyValues("snowplow.emitters.store.type=redis", "snowplow.worker.claim-timeout=300ms")
			.run((context) -> await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				WorkerStatus status = status(context);
				assertThat(status.threads()).isZero();
				assertThat(status.length()).isEqualTo(5);
				assertThat(status.liveWorkers()).isZero();
				assertThat(status.lag()).isPositive();
			}));
	}

	private ApplicationContextRunner workers(int concurrency) {
		return redis.runner()
			.withPropertyValues("snowplow.emitters.collector.type=async",
					"snowplow.emitters.collector.endpoint=" + this.collector.uri(),
					"snowplow.emitters.collector.request-timeout=1s",
					"snowplow.emitters.collector.retry.initial-backoff=50ms",
					"snowplow.emitters.collector.retry.max-backoff=500ms", "snowplow.worker.enabled=true",
					"snowplow.worker.send-to=collector", "snowplow.worker.concurrency=" + concurrency,
					"snowplow.worker.claim-timeout=5s", "snowplow.worker.list.key=snowplow");
	}

	private static WorkerStatus status(org.springframework.context.ApplicationContext context) {
		return context.getBean(SnowplowRedisAutoConfiguration.RedisWorkers.class).status().get("list:snowplow");
	}

	private static Set<String> fill(int count) {
		Set<String> ids = new HashSet<>();
		List<String> elements = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = UUID.randomUUID().toString();
			ids.add(id);
			elements.add("{\"e\":\"pv\",\"eid\":\"" + id + "\",\"url\":\"https://a.example/" + i
					+ "\",\"dtm\":\"1700000000000\",\"tv\":\"spring-test\",\"p\":\"srv\",\"tna\":\"shop\"}");
		}
		redis.redis.opsForList().rightPushAll("snowplow", elements);
		return ids;
	}

	private static Process startWorkerProcess(LoopbackCollector target, String claimTimeout) throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				WorkerProcess.class.getName(), "spring.main.banner-mode=off", "spring.data.redis.port=" + redis.server.port(),
				"snowplow.namespace=worker", "snowplow.emitters.collector.type=async",
				"snowplow.emitters.collector.endpoint=" + target.uri(), "snowplow.emitters.collector.request-timeout=1s",
				"snowplow.emitters.collector.retry.initial-backoff=200ms", "snowplow.worker.enabled=true",
				"snowplow.worker.send-to=collector", "snowplow.worker.concurrency=1",
				"snowplow.worker.claim-timeout=" + claimTimeout, "snowplow.worker.list.key=snowplow"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(File.createTempFile("worker-process", ".log"))
			.start();
	}

}
