package io.github.snowplowspring.boot.actuate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.github.snowplowspring.tracker.emitter.SendObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Times every request of one emitter as {@code snowplow.send}, tagged {@code emitter} and
 * {@code outcome} ({@code success}, {@code retry}, {@code rejected}).
 */
public class SendTimer implements SendObserver {

	private final String emitterName;

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final Map<Result, Timer> timers = new EnumMap<>(Result.class);

	/**
	 * Creates a timer for one emitter.
	 * @param emitterName the emitter's name
	 * @param meterRegistry where to register, resolved at the first request
	 */
	public SendTimer(String emitterName, ObjectProvider<MeterRegistry> meterRegistry) {
		this.emitterName = emitterName;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void onSend(int events, Duration duration, Result result) {
		Timer timer = timer(result);
		if (timer != null) {
			timer.record(duration);
		}
	}

	private synchronized @Nullable Timer timer(Result result) {
		Timer timer = this.timers.get(result);
		if (timer == null) {
			MeterRegistry meters = this.meterRegistry.getIfAvailable();
			if (meters == null) {
				return null;
			}
			timer = Timer.builder("snowplow.send")
				.description("Requests to the emitter's destination, by outcome")
				.tag("emitter", this.emitterName)
				.tag("outcome", result.name().toLowerCase(Locale.ROOT))
				.register(meters);
			this.timers.put(result, timer);
		}
		return timer;
	}

}
