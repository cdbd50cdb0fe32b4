package io.github.snowplowspring.boot.localcollector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCollectorApplicationTests {

	@Test
	void anApplicationSendsToItsOwnCollectorOnAFreePortAndItsFinalFlushArrives() throws Exception {
		LocalCollector collector;
		String flushed;
		String buffered;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run("--snowplow.namespace=shop", "--snowplow.local-collector.enabled=true",
					"--snowplow.local-collector.port=0", "--snowplow.emitters.main.type=async",
					"--snowplow.emitters.main.endpoint=http://127.0.0.1:${local.snowplow-collector.port}",
					"--snowplow.emitters.main.buffer-size=100", "--snowplow.emitters.main.flush-interval=1h")) {
			collector = context.getBean(LocalCollector.class);
			Tracker tracker = context.getBean(Tracker.class);
			flushed = tracker.track(PageView.builder("https://shop.example/").build());
			context.getBean(EmitterRegistry.class).flushAll(Duration.ofSeconds(5));
			URI events = URI.create(collector.uri() + "/events?type=pv&valid=true");
			String json = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(events).build(), BodyHandlers.ofString())
				.body();
			assertThat(json).contains(flushed);
			buffered = tracker.track(PageView.builder("https://shop.example/bye").build());
		}
		assertThat(collector.events()).extracting(CollectedEvent::eventId).containsExactly(buffered, flushed);
		assertThat(collector.summary().bad()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
