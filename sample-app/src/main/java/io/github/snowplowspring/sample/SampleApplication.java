package io.github.snowplowspring.sample;

import java.util.List;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.EmitterListener;
import io.github.snowplowspring.tracker.emitter.Failure;
import io.github.snowplowspring.tracker.http.HttpTransport;
import io.github.snowplowspring.tracker.payload.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small shop that tracks what its shoppers do. Until the starter configures the tracker from
 * {@code application.yml}, the tracker is built here by hand.
 */
@SpringBootApplication
public class SampleApplication {

	private static final Logger logger = LoggerFactory.getLogger(SampleApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/** The collector stand-in, started when {@code sample.collector} is empty. */
	@Bean(destroyMethod = "close")
	@Nullable LoopbackCollector devCollector(@Value("${sample.collector:}") String collector,
			@Value("${sample.collector-port:9090}") int port) {
		if (!collector.isBlank()) {
			return null;
		}
		LoopbackCollector devCollector = LoopbackCollector.builder().port(port).start();
		devCollector.respond((request) -> {
			request.events().forEach((event) -> logger.info("collector received {} {}", event.get("e"), event.get("eid")));
			return null;
		});
		logger.info("No sample.collector set: a collector stand-in listens on {}", devCollector.uri());
		return devCollector;
	}

	@Bean(destroyMethod = "close")
	Tracker tracker(@Value("${sample.collector:}") String collector, @Nullable LoopbackCollector devCollector) {
		String endpoint = (devCollector != null) ? devCollector.uri().toString() : collector;
		BatchEmitter emitter = BatchEmitter.builder(HttpTransport.builder(endpoint).build())
			.name("collector")
			.bufferSize(5)
			.listener(new LoggingListener())
			.build();
		return Tracker.builder("shop").appId("sample-shop").emitter(emitter).build();
	}

	@Bean
	ShopperSimulation shopperSimulation(Tracker tracker, @Value("${sample.shoppers:3}") int shoppers) {
		return new ShopperSimulation(tracker, shoppers);
	}

	/** Logs the Python tracker's on_success and on_failure. */
	static final class LoggingListener implements EmitterListener {

		@Override
		public void onSuccess(List<Payload> sent) {
			logger.info("sent {} event(s)", sent.size());
		}

		@Override
		public void onFailure(int successCount, List<Payload> failed, Failure failure) {
			logger.warn("{} event(s) not sent: {}", failed.size(), failure.describe());
		}

	}

}
