package io.github.snowplowspring.test.sample;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.snowplowspring.boot.autoconfigure.SnowplowTrackerCustomizer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small application that tracks, for the kit's Spring tests. Its package holds nothing of the
 * kit's, so component scanning finds only its own beans.
 */
@SpringBootApplication
public class ShopApplication {

	/** When every event of this application is tracked: a customizer's clock, applied as in production. */
	public static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

	@Bean
	SnowplowTrackerCustomizer fixedClock() {
		return (builder) -> builder.clock(Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
