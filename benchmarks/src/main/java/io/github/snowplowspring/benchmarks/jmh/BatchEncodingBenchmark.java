package io.github.snowplowspring.benchmarks.jmh;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.snowplowspring.benchmarks.Fixtures;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.payload.Payload;
import io.github.snowplowspring.tracker.transport.EncodedEvent;
import io.github.snowplowspring.tracker.transport.JsonWireFormat;
import io.github.snowplowspring.tracker.transport.WireFormat;
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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encoding one POST body of 50 events (the load driver's mix). The tracker encodes each event
 * once when it is accepted and splices {@code stm} into the buffered bytes at each send; the
 * baselines encode the whole body with Jackson in one go, from maps (what a tracker built on an
 * ObjectMapper does) and with the streaming generator (the fastest Jackson can do).
 */
// Short but honest on 2 cores: 2 forks x 3 iterations of 1 s after 3 of warm-up (see docs/BENCHMARKS.md).
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchEncodingBenchmark {

	private static final int EVENTS = 50;

	private static final long STM = 1_767_225_600_000L;

	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private final JsonWireFormat format = (JsonWireFormat) WireFormat.JSON;

	private List<String[]> fields;

	private List<Map<String, String>> maps;

	private List<EncodedEvent> encoded;

	@Setup(Level.Trial)
	public void setUp() {
		List<Payload> payloads = new ArrayList<>();
		var tracker = Fixtures.tracker(payloads::add);
		for (int i = 0; i < EVENTS; i++) {
			Event event = Fixtures.MIX.get(i % Fixtures.MIX.size());
			tracker.track(event);
		}
		this.fields = new ArrayList<>();
		this.maps = new ArrayList<>();
		this.encoded = new ArrayList<>();
		for (Payload payload : payloads) {
			List<String> flat = new ArrayList<>();
			payload.forEach((name, value) -> {
				flat.add(name);
				flat.add(value);
			});
			this.fields.add(flat.toArray(String[]::new));
			this.maps.add(payload.toMap());
			this.encoded.add(new EncodedEvent(payload.eventId(), payload.toJson()));
		}
	}

	/** What a sender does per request: the body from the buffered bytes, {@code stm} spliced in. */
	@Benchmark
	public byte[] spliceBody() {
		return this.format.body(this.encoded, STM);
	}

	/** What the tracker does for 50 events in all: each encoded once on accept, then spliced. */
	@Benchmark
	public byte[] encodeEventsThenSplice() {
		List<EncodedEvent> events = new ArrayList<>(EVENTS);
		for (String[] flat : this.fields) {
			Payload.Builder builder = Payload.builder(flat.length / 2);
			for (int i = 0; i < flat.length; i += 2) {
				builder.add(flat[i], flat[i + 1]);
			}
			Payload payload = builder.build();
			events.add(new EncodedEvent(flat[3], this.format.encode(payload)));
		}
		return this.format.body(events, STM);
	}

	/** Baseline: the whole body as maps through a plain ObjectMapper, {@code stm} in each. */
	@Benchmark
	public byte[] rawJacksonMaps() {
		List<Map<String, String>> data = new ArrayList<>(EVENTS);
		String stm = Long.toString(STM);
		for (Map<String, String> map : this.maps) {
			Map<String, String> event = new LinkedHashMap<>(map.size() + 2);
			event.put("stm", stm);
			event.putAll(map);
			data.add(event);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("schema", JsonWireFormat.PAYLOAD_DATA_SCHEMA);
		body.put("data", data);
		return PLAIN.writeValueAsBytes(body);
	}

	/** Baseline: the whole body written with Jackson's streaming generator, the fastest Jackson way. */
	@Benchmark
	public byte[] rawJacksonStreaming() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
		String stm = Long.toString(STM);
		try (JsonGenerator generator = PLAIN.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty("schema", JsonWireFormat.PAYLOAD_DATA_SCHEMA);
			generator.writeArrayPropertyStart("data");
			for (String[] flat : this.fields) {
				generator.writeStartObject();
				generator.writeStringProperty("stm", stm);
				for (int i = 0; i < flat.length; i += 2) {
					generator.writeStringProperty(flat[i], flat[i + 1]);
				}
				generator.writeEndObject();
			}
			generator.writeEndArray();
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

}
