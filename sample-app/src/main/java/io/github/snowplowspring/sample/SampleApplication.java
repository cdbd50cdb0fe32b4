package io.github.snowplowspring.sample;

import java.util.List;

import io.github.snowplowspring.sample.simulation.SimulationProperties;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.tracker.emitter.EmitterListener;
import io.github.snowplowspring.tracker.emitter.Failure;
import io.github.snowplowspring.tracker.payload.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A small shop that tracks what its shoppers do, through the {@code Tracker} bean the starter
 * configures from {@code application.yml}.
 */
@SpringBootApplication
@EnableConfigurationProperties(SimulationProperties.class)
public class SampleApplication {

	private static final Logger logger = LoggerFactory.getLogger(SampleApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/** A collector stand-in, started when {@code sample.collector} is not set. */
	@Bean(destroyMethod = "close")
	@Nullable LoopbackCollector devCollector(Environment environment,
			@Value("${sample.collector-port:9090}") int port) {
		if (environment.containsProperty("sample.collector")) {
			return null;
		}
		LoopbackCollector devCollector = LoopbackCollector.builder().port(port).start();
		logger.info("sample.collector is not set: a collector stand-in listens on {}", devCollector.uri());
		return devCollector;
	}

	/** Logs failures: the Python tracker's on_failure. Every EmitterListener bean hears every emitter. */
	@Bean
	EmitterListener loggingListener() {
		return new EmitterListener() {

			@Override
			public void onFailure(int successCount, List<Payload> failed, Failure failure) {
				logger.warn("{} event(s) not sent: {}", failed.size(), failure.describe());
			}

		};
	}

}
