package io.github.snowplowspring.sample;

import java.util.List;

import io.github.snowplowspring.sample.simulation.SimulationProperties;
import io.github.snowplowspring.tracker.emitter.EmitterListener;
import io.github.snowplowspring.tracker.emitter.Failure;
import io.github.snowplowspring.tracker.payload.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
