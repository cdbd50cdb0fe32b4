package io.github.snowplowspring.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.snowplowspring.benchmarks.Fixtures;
import io.github.snowplowspring.benchmarks.NoopTransport;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import io.github.snowplowspring.tracker.payload.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's cost: {@code track()} of a structured event into an asynchronous emitter (batches
 * of 50, one sender thread) whose transport takes every batch at once, so that only building,
 * encoding and enqueueing are measured. Mode: sample time, for the median and the tail; run
 * with {@code -prof gc} for bytes allocated per call. The baseline writes the same parameters
 * with a plain Jackson mapper, the least any tracker must do per event.
 */
// Short but honest on 2 cores: 2 forks x 3 iterations of 1 s after 3 of warm-up (see docs/BENCHMARKS.md).
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrackBenchmark {

	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private NoopTransport transport;

	private BatchEmitter emitter;

	private Tracker tracker;

	private Map<String, String> parameters;

	@Setup(Level.Trial)
	public void setUp() {
		this.transport = new NoopTransport();
		// Capacity beyond what one sender ever falls behind by, so that no call is a cheap drop.
		this.emitter = BatchEmitter.builder(this.transport).name("bench").async().bufferSize(50).bufferCapacity(200_000)
			.bufferMaxBytes(256L * 1024 * 1024).build();
		this.tracker = Fixtures.tracker(this.emitter);
		List<Payload> payloads = new ArrayList<>();
		Fixtures.tracker(payloads::add).track(Fixtures.STRUCTURED);
		this.parameters = payloads.get(0).toMap();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.tracker.close();
		EmitterStats stats = this.emitter.stats();
		// Printed into the JMH log: a run whose calls were drops would measure the wrong path.
		System.out.println("accepted=" + stats.accepted() + " sent=" + stats.sent() + " dropped=" + stats.droppedTotal());
	}

	@Benchmark
	@Threads(1)
	public String track1Thread() {
		return this.tracker.track(Fixtures.STRUCTURED);
	}

	@Benchmark
	@Threads(2)
	public String track2Threads() {
		return this.tracker.track(Fixtures.STRUCTURED);
	}

	/** Baseline: the same parameters written with a plain Jackson mapper. */
	@Benchmark
	@Threads(1)
	@BenchmarkMode(Mode.AverageTime)
	public byte[] rawJacksonEncode() {
		return PLAIN.writeValueAsBytes(this.parameters);
	}

}
