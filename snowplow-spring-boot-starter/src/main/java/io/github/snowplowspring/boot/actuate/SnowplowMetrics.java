package io.github.snowplowspring.boot.actuate;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowWorkers;
import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;
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
 * Worker groups, tagged {@code source}: gauges {@code snowplow.worker.backlog},
 * {@code .processing}, {@code .dead}, {@code .live}; counter {@code snowplow.worker.events}
 * (tagged {@code result}: claimed, sent, dead_lettered, recovered).
 * Emitters that keep no ledger (beans of the application's) are left out.
 */
public class SnowplowMetrics implements MeterBinder {

	private final EmitterRegistry registry;

	private final List<SnowplowWorkers> workers;

	/**
	 * Creates the binder.
	 * @param registry the emitters
	 * @param workers the worker groups
	 */
	public SnowplowMetrics(EmitterRegistry registry, List<SnowplowWorkers> workers) {
		this.registry = registry;
		this.workers = List.copyOf(workers);
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
		for (SnowplowWorkers group : this.workers) {
			for (String name : group.status().keySet()) {
				bindWorker(meters, group, name);
			}
		}
	}

	private static void bindWorker(MeterRegistry meters, SnowplowWorkers group, String name) {
		Function<ToDoubleFunction<WorkerStatus>, ToDoubleFunction<SnowplowWorkers>> read = (value) -> (g) -> {
			WorkerStatus status = g.status().get(name);
			return (status != null) ? value.applyAsDouble(status) : 0;
		};
		Gauge.builder("snowplow.worker.backlog", group, read.apply(WorkerStatus::length))
			.description("Events or tasks waiting in Redis")
			.tag("source", name)
			.register(meters);
		Gauge.builder("snowplow.worker.processing", group, read.apply(WorkerStatus::processing))
			.description("Events claimed by workers and not yet acknowledged")
			.tag("source", name)
			.register(meters);
		Gauge.builder("snowplow.worker.dead", group, read.apply(WorkerStatus::dead))
			.description("Dead letters")
			.tag("source", name)
			.register(meters);
		Gauge.builder("snowplow.worker.live", group, read.apply(WorkerStatus::liveWorkers))
			.description("Workers seen alive")
			.tag("source", name)
			.register(meters);
		Map<String, ToDoubleFunction<WorkerStatus>> results = Map.of("claimed", WorkerStatus::claimed, "sent",
				WorkerStatus::sent, "dead_lettered", WorkerStatus::deadLettered, "recovered", WorkerStatus::recovered);
		results.forEach((result, value) -> FunctionCounter.builder("snowplow.worker.events", group, read.apply(value))
			.description("Events handled by this application's workers, by result")
			.baseUnit("events")
			.tag("source", name)
			.tag("result", result)
			.register(meters));
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
