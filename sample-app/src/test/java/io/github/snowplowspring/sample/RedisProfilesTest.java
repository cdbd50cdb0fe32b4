package io.github.snowplowspring.sample;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.testcollector.RedisServer;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redis and worker profiles together: the shop tracks into a Redis list (a real
 * redis-server started here) and its workers drain the list to the collector.
 */
// Closed after its tests, while the collector it sends to still runs.
@DirtiesContext
@SpringBootTest(properties = "sample.simulation.rate=0")
@ActiveProfiles({ "redis", "worker" })
class RedisProfilesTest {

	private static final RedisServer redisServer = RedisServer.start();

	private static final LoopbackCollector collector = LoopbackCollector.start();

	@DynamicPropertySource
	static void redisAndCollector(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", redisServer::port);
		registry.add("sample.collector", () -> collector.uri().toString());
		registry.add("snowplow.local-collector.enabled", () -> "false");
	}


	@Autowired
	private Tracker tracker;

	@Autowired
	private EmitterRegistry registry;

	@Test
	void eventsGoThroughRedisToTheCollector() {
		assertThat(this.registry.type("main")).isEqualTo("redis");
		assertThat(this.registry.sendTargets()).containsExactly("collector");
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			ids.add(this.tracker.track(PageView.builder("https://shop.example/" + i).build()));
		}
		assertThat(collector.awaitUniqueEvents(100, Duration.ofSeconds(20))).isEqualTo(ids);
		assertThat(collector.duplicates()).isZero();
		PayloadValidator validator = PayloadValidator.create();
		for (RecordedRequest request : collector.requests()) {
			assertThat(validator.validatePostBody(request.body()).violations()).isEmpty();
		}
	}

}
