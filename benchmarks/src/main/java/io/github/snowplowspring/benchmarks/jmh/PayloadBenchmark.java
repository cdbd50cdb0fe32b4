package io.github.snowplowspring.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.snowplowspring.benchmarks.Fixtures;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.payload.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.json.JsonMapper;

/**
 * Building and encoding the payloads of one event, per event type: {@code track()} into an
 * emitter that only encodes (what {@code BatchEmitter.accept} does before it takes the lock).
 * The baseline writes the finished parameter maps with a plain Jackson mapper: a floor that
 * makes no event id, no timestamps and no base64.
 */
// Short but honest on 2 cores: 2 forks x 3 iterations of 1 s after 3 of warm-up (see docs/BENCHMARKS.md).
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadBenchmark {

	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	@Param({ "page_view", "page_ping", "structured", "self_describing", "screen_view", "timing", "transaction" })
	public String type;

	private Event event;

	private Tracker tracker;

	private long encodedBytes;

	private List<Map<String, String>> parameters;

	@Setup(Level.Trial)
	public void setUp() {
		this.event = Fixtures.event(this.type);
		this.tracker = Fixtures.tracker((payload) -> this.encodedBytes += payload.toJson().length);
		List<Payload> payloads = new ArrayList<>();
		Fixtures.tracker(payloads::add).track(this.event);
		this.parameters = payloads.stream().map(Payload::toMap).toList();
	}

	@Benchmark
	public String buildAndEncode(Blackhole blackhole) {
		String eventId = this.tracker.track(this.event);
		blackhole.consume(this.encodedBytes);
		return eventId;
	}

	/** Baseline: the same parameters, already built, written with a plain Jackson mapper. */
	@Benchmark
	public void rawJackson(Blackhole blackhole) {
		for (Map<String, String> map : this.parameters) {
			blackhole.consume(PLAIN.writeValueAsBytes(map));
		}
	}

}
