package io.github.snowplowspring.boot.actuate;

import java.util.function.ToDoubleFunction;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.tracker.emitter.DropReason;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The emitters' ledger as meters, tagged {@code emitter}: counters
 * {@code snowplow.events.accepted}, {@code .sent}, {@code .failed}, {@code .retried},
 * {@code .dropped} (tagged {@code reason}); gauges {@code snowplow.buffer.events} and
 * {@code snowplow.buffer.bytes}. The {@code snowplow.send} timer comes from {@link SendTimer}.
 * Emitters that keep no ledger (beans of the application's) are left out.
 */
public class SnowplowMetrics implements MeterBinder {

	private final EmitterRegistry registry;

	/**
	 * Creates the binder.
	 * @param registry the emitters
	 */
	public SnowplowMetrics(EmitterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		for (String name : this.registry.names()) {
			if ("custom".equals(this.registry.type(name))) {
				continue;
			}
			Emitter emitter = this.registry.get(name);
			counter(meters, "snowplow.events.accepted", "Events handed to the emitter", name, emitter,
					EmitterStats::accepted);
			counter(meters, "snowplow.events.sent", "Events delivered", name, emitter, EmitterStats::sent);
			counter(meters, "snowplow.events.failed", "Events in failed attempts; they may still be sent", name,
					emitter, EmitterStats::failed);
			counter(meters, "snowplow.events.retried", "Events sent again after a failed attempt", name, emitter,
					EmitterStats::retried);
			for (DropReason reason : DropReason.values()) {
				FunctionCounter.builder("snowplow.events.dropped", emitter, (e) -> e.stats().dropped(reason))
					.description("Events given up, by reason")
					.baseUnit("events")
					.tag("emitter", name)
					.tag("reason", reason.id())
					.register(meters);
			}
			gauge(meters, "snowplow.buffer.events", "Events waiting in the buffer", "events", name, emitter,
					(e) -> e.stats().bufferedEvents());
			gauge(meters, "snowplow.buffer.bytes", "Encoded bytes waiting in the buffer", "bytes", name, emitter,
					(e) -> e.stats().bufferedBytes());
		}
	}

	private static void counter(MeterRegistry meters, String meter, String description, String name, Emitter emitter,
			ToDoubleFunction<EmitterStats> value) {
		FunctionCounter.builder(meter, emitter, (e) -> value.applyAsDouble(e.stats()))
			.description(description)
			.baseUnit("events")
			.tag("emitter", name)
			.register(meters);
	}

	private static void gauge(MeterRegistry meters, String meter, String description, String unit, String name,
			Emitter emitter, ToDoubleFunction<Emitter> value) {
		Gauge.builder(meter, emitter, value).description(description).baseUnit(unit).tag("emitter", name).register(meters);
	}

}
