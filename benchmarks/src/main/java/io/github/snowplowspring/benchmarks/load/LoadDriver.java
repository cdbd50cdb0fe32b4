package io.github.snowplowspring.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.snowplowspring.benchmarks.Fixtures;
import io.github.snowplowspring.benchmarks.NoopTransport;
import io.github.snowplowspring.boot.redis.RedisListTransport;
import io.github.snowplowspring.boot.redis.RedisListWorker;
import io.github.snowplowspring.testcollector.RedisServer;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.EmitterStats;
import io.github.snowplowspring.tracker.emitter.OverflowPolicy;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.http.HttpMethod;
import io.github.snowplowspring.tracker.http.HttpTransport;
import io.github.snowplowspring.tracker.payload.Payload;
import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * End-to-end throughput against a collector stand-in in another process, each figure next to a
 * baseline measured in the same run: the raw JDK client posting pre-serialized batches with the
 * same number of senders, raw pipelined {@code RPUSH} on one connection. See
 * {@code docs/BENCHMARKS.md}.
 * <p>
 * One producer thread calls {@code track()} as fast as it can; async emitters use the
 * {@code block} overflow policy, so the rate is the most the emitter delivers without loss, and
 * every run checks the loss: the collector's count of distinct event ids (or the list's length)
 * must equal the events tracked, with nothing dropped or pending. Every loop is bounded in count
 * and time. Traffic goes to 127.0.0.1 only.
 *
 * <p>Options ({@code --name=value}): {@code seconds} (5) measured per run, {@code warmup} (2) per
 * run, {@code rounds} (2) of each pair, alternating which goes first, {@code max-events}
 * (3000000) per run, {@code worker-events} (250000), {@code buffer-events} (100000),
 * {@code cells} (all: {@value #ALL_CELLS}), {@code out} (benchmarks/target/load-results.md).
 */
public final class LoadDriver {

	static final String ALL_CELLS = "buffer,sync-get,sync-post50,async-post50x1,async-post50x4,async-post200x4,redis,redis-2,"
			+ "worker";

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(60);

	private final Options options;

	private final HeapMonitor heap;

	private final CollectorControl collector;

	private final List<Payload> samples;

	private final List<Row> rows = new ArrayList<>();

	private final StringBuilder log = new StringBuilder();

	private RedisServer redis;

	private LettuceConnectionFactory redisConnections;

	private LoadDriver(Options options, HeapMonitor heap, CollectorControl collector) {
		this.options = options;
		this.heap = heap;
		this.collector = collector;
		this.samples = samplePayloads(4096);
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		long started = System.nanoTime();
		String before = loadAverage();
		try (HeapMonitor heap = new HeapMonitor(); CollectorControl collector = CollectorControl.start("2g")) {
			LoadDriver driver = new LoadDriver(options, heap, collector);
			driver.say("# Load driver, " + Instant.now() + "\n");
			driver.say("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, JDK "
					+ System.getProperty("java.vm.name") + " " + Runtime.version() + ", driver heap max "
					+ mb(Runtime.getRuntime().maxMemory()) + " (" + ManagementFactory.getRuntimeMXBean().getInputArguments()
					+ "), collector pid " + collector.pid() + " at " + collector.uri());
			driver.say("settings: " + options);
			driver.say("load average before: " + before);
			try {
				driver.runAll();
			}
			finally {
				driver.stopRedis();
			}
			driver.say("load average after: " + loadAverage());
			driver.say(String.format(Locale.ROOT, "total time: %.0f s", (System.nanoTime() - started) / 1e9));
			driver.report();
		}
		System.exit(0);
	}

	private void runAll() throws Exception {
		warmUp();
		for (String cell : this.options.cells) {
			switch (cell) {
				case "buffer" -> bufferCost();
				case "sync-get" -> httpCell("sync GET", HttpMethod.GET, false, 1, 1);
				case "sync-post50" -> httpCell("sync POST, batch 50", HttpMethod.POST, false, 50, 1);
				case "async-post50x1" -> httpCell("async POST, batch 50, 1 sender", HttpMethod.POST, true, 50, 1);
				case "async-post50x4" -> httpCell("async POST, batch 50, 4 senders", HttpMethod.POST, true, 50, 4);
				case "async-post200x4" -> httpCell("async POST, batch 200, 4 senders", HttpMethod.POST, true, 200, 4);
				case "redis" -> redisCell(1);
				case "redis-2" -> redisCell(2);
				case "worker" -> workerCell();
				default -> throw new IllegalArgumentException("unknown cell " + cell + "; cells are " + ALL_CELLS);
			}
		}
	}

	/** Brings both JVMs' hot paths to compiled code before anything is timed: the first run would pay for it. */
	private void warmUp() throws Exception {
		long start = System.nanoTime();
		RawHttp raw = new RawHttp(this.collector.uri(), true, 50);
		raw.run(4, this.samples, Duration.ofSeconds(3), this.options.maxEvents);
		HttpTransport transport = HttpTransport.builder(this.collector.uri().toString()).build();
		BatchEmitter emitter = BatchEmitter.builder(transport).name("warm-up").async().bufferSize(50).threadCount(4)
			.overflow(OverflowPolicy.BLOCK).maxBlock(Duration.ofSeconds(30)).build();
		Tracker tracker = Fixtures.tracker(emitter);
		track(tracker, Duration.ofSeconds(3), this.options.maxEvents, new LatencyHistogram());
		tracker.close();
		this.collector.reset();
		say(String.format(Locale.ROOT, "warm-up: %.0f s of raw and tracked POSTs, untimed", (System.nanoTime() - start) / 1e9));
	}

	// ---- the cells ----

	private void httpCell(String name, HttpMethod method, boolean async, int batch, int senders) throws Exception {
		say("\n## " + name);
		Supplier<BatchEmitter> emitters = () -> {
			HttpTransport transport = HttpTransport.builder(this.collector.uri().toString()).method(method).build();
			BatchEmitter.Builder builder = BatchEmitter.builder(transport).name("bench").bufferSize(batch);
			if (async) {
				// Block, never drop: the producer slows to what the emitter delivers.
				builder.async().threadCount(senders).overflow(OverflowPolicy.BLOCK).maxBlock(Duration.ofSeconds(30));
			}
			return builder.build();
		};
		RawHttp raw = new RawHttp(this.collector.uri(), method == HttpMethod.POST, batch);
		pairs(name, "raw JDK client, " + senders + " sender(s)", () -> rawHttpRun(raw, senders),
				() -> trackerRun(emitters.get(), collectorSink()));
	}

	private void redisCell(int writers) throws Exception {
		say("\n## Redis emitter, " + writers + " writer(s)");
		startRedis();
		String key = "bench:list";
		byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
		StringRedisTemplate template = new StringRedisTemplate(this.redisConnections);
		Supplier<BatchEmitter> emitters = () -> BatchEmitter.builder(new RedisListTransport(template, key))
			.name("redis")
			.async()
			.bufferSize(50)
			.threadCount(writers)
			.flushInterval(Duration.ofMillis(200))
			.overflow(OverflowPolicy.BLOCK)
			.maxBlock(Duration.ofSeconds(30))
			.build();
		Sink list = new Sink() {
			@Override
			public void reset() {
				template.delete(key);
			}

			@Override
			public Check check(long expected) {
				Long length = template.opsForList().size(key);
				long stored = (length != null) ? length : -1;
				return new Check(stored, stored == expected, "list length " + stored);
			}
		};
		// One round more than the others: raw RPUSH varies most with where the scheduler puts
		// redis-server and the client's I/O thread on two cores.
		pairs("Redis emitter, batch 50, " + writers + " writer(s)",
				"raw pipelined RPUSH of 50, 1 connection", () -> {
					// Warm up as the tracker run does: Redis's first touch of its memory is slow too.
					RawRedis.run(this.redis.port(), rawKey, this.samples, 50, 16, warmup(), this.options.maxEvents);
					list.reset();
					this.heap.reset();
					RawRedis.Pushed pushed = RawRedis.run(this.redis.port(), rawKey, this.samples, 50, 16, seconds(),
							this.options.maxEvents);
					Check check = list.check(pushed.events());
					list.reset();
					return new Run(pushed.events(), pushed.nanos(), null, this.heap.peakUsed(), this.heap.maxAfterGc(),
							check);
				}, () -> trackerRun(emitters.get(), list), Math.max(3, this.options.rounds));
		template.delete(key);
	}

	private void workerCell() throws Exception {
		say("\n## Redis worker draining to the collector");
		startRedis();
		String key = "bench:worker";
		StringRedisTemplate template = new StringRedisTemplate(this.redisConnections);
		RawHttp raw = new RawHttp(this.collector.uri(), true, 50);
		pairs("worker: Redis list -> collector, 2 workers, batch 50", "raw JDK client, 2 senders",
				() -> rawHttpRun(raw, 2), () -> workerRun(template, key));
	}

	/** Fills the list through the Redis emitter (untimed), then times two workers draining it. */
	private Run workerRun(StringRedisTemplate template, String key) throws Exception {
		template.delete(key);
		BatchEmitter filler = BatchEmitter.builder(new RedisListTransport(template, key))
			.name("filler")
			.async()
			.bufferSize(50)
			.overflow(OverflowPolicy.BLOCK)
			.maxBlock(Duration.ofSeconds(30))
			.build();
		Tracker tracker = Fixtures.tracker(filler);
		long filled = track(tracker, Duration.ofSeconds(60), this.options.workerEvents, null);
		filler.flush(FLUSH_TIMEOUT);
		tracker.close();
		Long length = template.opsForList().size(key);
		if (length == null || length != filled) {
			throw new IllegalStateException("the list holds " + length + " events, not " + filled);
		}
		HttpTransport http = HttpTransport.builder(this.collector.uri().toString()).build();
		Transport shared = new Transport() {
			@Override
			public WireFormat wireFormat() {
				return http.wireFormat();
			}

			@Override
			public Outcome send(Batch batch) {
				return http.send(batch);
			}
		};
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bench-worker-housekeeping");
			thread.setDaemon(true);
			return thread;
		});
		RedisListWorker worker = new RedisListWorker(key, 50, 2, Duration.ofSeconds(60), Duration.ofSeconds(1),
				"collector", (batch) -> BatchEmitter.builder(shared).name("worker").bufferSize(batch).build(),
				this.redisConnections, scheduler, Clock.systemUTC());
		this.collector.reset();
		this.heap.reset();
		long start = System.nanoTime();
		worker.start();
		CollectorControl.Stats stats = this.collector.awaitUnique(filled, Duration.ofSeconds(120));
		long nanos = System.nanoTime() - start;
		worker.stop(Duration.ofSeconds(10));
		scheduler.shutdownNow();
		Long left = template.opsForList().size(key);
		boolean ok = stats.unique() == filled && stats.received() == filled && stats.failedRequests() == 0
				&& left != null && left == 0;
		Check check = new Check(stats.unique(), ok, "unique " + stats.unique() + " of " + filled + ", received "
				+ stats.received() + ", left in list " + left);
		this.collector.reset();
		template.delete(key);
		return new Run(filled, nanos, null, this.heap.peakUsed(), this.heap.maxAfterGc(), check);
	}

	/**
	 * What a buffered event costs: an async emitter whose transport blocks holds every event; the
	 * heap after full collections, before and after tracking, against the events' POST wire size.
	 */
	private void bufferCost() throws Exception {
		say("\n## Heap per buffered event");
		int events = this.options.bufferEvents;
		CountDownLatch release = new CountDownLatch(1);
		NoopTransport noop = new NoopTransport();
		Transport blocking = new Transport() {
			@Override
			public WireFormat wireFormat() {
				return WireFormat.JSON;
			}

			@Override
			public Outcome send(Batch batch) {
				try {
					release.await(120, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return noop.send(batch);
			}
		};
		BatchEmitter emitter = BatchEmitter.builder(blocking)
			.name("buffer")
			.async()
			.bufferSize(50)
			.bufferCapacity(events + 10_000)
			.bufferMaxBytes(Integer.MAX_VALUE)
			.flushInterval(Duration.ZERO)
			.build();
		Tracker tracker = Fixtures.tracker(emitter);
		track(tracker, Duration.ofSeconds(30), 5_000, null); // the first batch blocks in flight; the rest waits
		EmitterStats first = emitter.stats();
		long before = this.heap.usedAfterFullGc();
		long tracked = track(tracker, Duration.ofSeconds(60), events, null);
		long after = this.heap.usedAfterFullGc();
		EmitterStats second = emitter.stats();
		release.countDown();
		tracker.close();
		long buffered = second.bufferedEvents() - first.bufferedEvents();
		long encoded = second.bufferedBytes() - first.bufferedBytes();
		long wire = WireFormat.JSON.requestBytes((int) buffered, encoded) - WireFormat.JSON.requestBytes(0, 0);
		double perEvent = (double) (after - before) / buffered;
		double wirePerEvent = (double) wire / buffered;
		boolean ok = buffered == tracked && second.droppedTotal() == 0;
		say(String.format(Locale.ROOT,
				"tracked %d, buffered %d; heap %s -> %s after full GC: %.0f B per event; wire %.0f B per event "
						+ "(encoded %.0f + stm + comma); ratio %.2f",
				tracked, buffered, mb(before), mb(after), perEvent, wirePerEvent, (double) encoded / buffered,
				perEvent / wirePerEvent));
		this.rows.add(new Row("heap per buffered event (" + buffered + " events, POST format)", null, null,
				String.format(Locale.ROOT, "%.0f B/event", perEvent), String.format(Locale.ROOT, "%.0f B wire", wirePerEvent),
				perEvent / wirePerEvent, ok ? "all buffered, none dropped" : "dropped " + second.droppedTotal(),
				"heap ≤ 2× wire", perEvent / wirePerEvent <= 2.0));
	}

	// ---- runs ----

	@FunctionalInterface
	private interface RunBody {

		Run run() throws Exception;

	}

	/** Runs baseline and subject {@code rounds} times, alternating which goes first; keeps the best of each. */
	private void pairs(String subjectName, String baselineName, RunBody baseline, RunBody subject) throws Exception {
		pairs(subjectName, baselineName, baseline, subject, this.options.rounds);
	}

	private void pairs(String subjectName, String baselineName, RunBody baseline, RunBody subject, int rounds)
			throws Exception {
		Run bestBaseline = null;
		Run bestSubject = null;
		for (int round = 0; round < rounds; round++) {
			boolean baselineFirst = round % 2 == 0;
			Run a = (baselineFirst ? baseline : subject).run();
			Run b = (baselineFirst ? subject : baseline).run();
			Run base = baselineFirst ? a : b;
			Run sub = baselineFirst ? b : a;
			say(String.format(Locale.ROOT, "round %d: %s %s | %s %s | ratio %.2f", round + 1, baselineName,
					base.describe(), subjectName, sub.describe(), sub.rate() / base.rate()));
			bestBaseline = (bestBaseline == null || base.rate() > bestBaseline.rate()) ? base : bestBaseline;
			bestSubject = (bestSubject == null || sub.rate() > bestSubject.rate()) ? sub : bestSubject;
		}
		double ratio = bestSubject.rate() / bestBaseline.rate();
		Double target = subjectName.startsWith("async POST, batch 50") ? Double.valueOf(0.60)
				: subjectName.startsWith("Redis emitter") ? Double.valueOf(0.50) : null;
		this.rows.add(new Row(subjectName, bestSubject, bestBaseline, null, baselineName, ratio,
				bestSubject.check().ok() && bestBaseline.check().ok() ? "yes"
						: "NO: " + bestSubject.check().detail() + " / " + bestBaseline.check().detail(),
				(target != null) ? "≥ " + Math.round(target * 100) + "% of baseline" : "",
				(target != null) ? ratio >= target : null));
	}

	private Run rawHttpRun(RawHttp raw, int senders) throws Exception {
		// Warm the client and the collector's path up, untimed.
		raw.run(senders, this.samples, warmup(), this.options.maxEvents);
		this.collector.reset();
		this.heap.reset();
		long start = System.nanoTime();
		RawHttp.Sent sent = raw.run(senders, this.samples, seconds(), this.options.maxEvents);
		long nanos = System.nanoTime() - start;
		Check check = collectorSink().check(sent.events());
		if (sent.failedRequests() > 0) {
			check = new Check(check.delivered(), false, check.detail() + ", failed requests " + sent.failedRequests());
		}
		this.collector.reset();
		return new Run(sent.events(), nanos, null, this.heap.peakUsed(), this.heap.maxAfterGc(), check);
	}

	/**
	 * Tracks for {@code seconds} (at most {@code max-events}), then flushes; the time runs from the
	 * first {@code track()} until the last event was delivered.
	 */
	private Run trackerRun(BatchEmitter emitter, Sink sink) throws Exception {
		Tracker tracker = Fixtures.tracker(emitter);
		try {
			track(tracker, warmup(), this.options.maxEvents, null);
			emitter.flush(FLUSH_TIMEOUT);
			sink.reset();
			EmitterStats before = emitter.stats();
			LatencyHistogram latency = new LatencyHistogram();
			this.heap.reset();
			long start = System.nanoTime();
			long tracked = track(tracker, seconds(), this.options.maxEvents, latency);
			emitter.flush(FLUSH_TIMEOUT);
			long nanos = System.nanoTime() - start;
			EmitterStats after = emitter.stats();
			Check check = sink.check(tracked);
			long dropped = after.droppedTotal() - before.droppedTotal();
			if (dropped != 0 || after.pending() != 0) {
				check = new Check(check.delivered(), false,
						check.detail() + ", dropped " + dropped + ", pending " + after.pending());
			}
			sink.reset();
			return new Run(tracked, nanos, latency, this.heap.peakUsed(), this.heap.maxAfterGc(), check);
		}
		finally {
			tracker.close();
		}
	}

	/** Tracks the mix, one event per call, until the time or the count is reached; the calls made. */
	private static long track(Tracker tracker, Duration duration, long max, LatencyHistogram latency) {
		List<Event> mix = Fixtures.MIX;
		long deadline = System.nanoTime() + duration.toNanos();
		long count = 0;
		long now = System.nanoTime();
		while (count < max && now < deadline) {
			Event event = mix.get((int) (count & 3));
			if (latency != null) {
				long start = System.nanoTime();
				tracker.track(event);
				now = System.nanoTime();
				latency.record(now - start);
			}
			else {
				tracker.track(event);
				if ((count & 63) == 0) {
					now = System.nanoTime();
				}
			}
			count++;
		}
		return count;
	}

	private Sink collectorSink() {
		return new Sink() {
			@Override
			public void reset() {
				LoadDriver.this.collector.reset();
			}

			@Override
			public Check check(long expected) {
				CollectorControl.Stats stats = LoadDriver.this.collector.awaitUnique(expected, Duration.ofSeconds(10));
				boolean ok = stats.unique() == expected && stats.received() == expected && stats.failedRequests() == 0;
				return new Check(stats.unique(), ok, "unique " + stats.unique() + " of " + expected + ", received "
						+ stats.received() + ", non-2xx " + stats.failedRequests());
			}
		};
	}

	private void startRedis() {
		if (this.redis == null) {
			this.redis = RedisServer.start();
			this.redisConnections = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", this.redis.port()));
			this.redisConnections.afterPropertiesSet();
			this.redisConnections.start();
			say("redis-server on 127.0.0.1:" + this.redis.port());
		}
	}

	private void stopRedis() {
		if (this.redisConnections != null) {
			this.redisConnections.destroy();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	// ---- reporting ----

	private void report() throws IOException {
		StringBuilder table = new StringBuilder("\n## Results (best of " + this.options.rounds
				+ " rounds; Redis emitter cells best of " + Math.max(3, this.options.rounds) + ")\n\n");
		table.append("| cell | events/s | baseline | baseline events/s | ratio | track() p50 | track() p99 "
				+ "| peak heap (max after GC) | baseline peak heap | no loss | target | met |\n");
		table.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
		for (Row row : this.rows) {
			table.append(row.markdown()).append('\n');
		}
		say(table.toString());
		Path out = Path.of(this.options.out);
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, this.log);
		System.out.println("written to " + out.toAbsolutePath());
	}

	private void say(String line) {
		System.out.println(line);
		this.log.append(line).append('\n');
	}

	private Duration seconds() {
		return Duration.ofMillis((long) (this.options.seconds * 1000));
	}

	private Duration warmup() {
		return Duration.ofMillis((long) (this.options.warmup * 1000));
	}

	private static List<Payload> samplePayloads(int count) {
		List<Payload> payloads = new ArrayList<>(count);
		Tracker tracker = Fixtures.tracker(payloads::add);
		for (int i = 0; payloads.size() < count; i++) {
			tracker.track(Fixtures.MIX.get(i % Fixtures.MIX.size()));
		}
		return payloads;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
	}

	/** The largest heap left after a collection in the run, or "no GC" when none ran. */
	static String afterGc(long bytes) {
		return (bytes == 0) ? "no GC" : mb(bytes);
	}

	static String count(double perSecond) {
		return String.format(Locale.ROOT, "%,.0f", perSecond);
	}

	static String micros(long nanos) {
		return (nanos < 10_000) ? nanos + " ns" : String.format(Locale.ROOT, "%.0f µs", nanos / 1000.0);
	}

	// ---- values ----

	/** Where events end up, and how a run checks that none was lost. */
	private interface Sink {

		void reset();

		Check check(long expected);

	}

	/** Whether every event arrived exactly once. */
	record Check(long delivered, boolean ok, String detail) {
	}

	/** One timed run. */
	record Run(long events, long nanos, LatencyHistogram latency, long peakHeap, long maxAfterGc, Check check) {

		double rate() {
			return this.events * 1e9 / this.nanos;
		}

		String describe() {
			String text = String.format(Locale.ROOT, "%s events in %.2f s = %s events/s", count(this.events),
					this.nanos / 1e9, count(rate()));
			if (this.latency != null) {
				text += ", track() p50 " + micros(this.latency.percentile(0.5)) + " p99 "
						+ micros(this.latency.percentile(0.99)) + " max " + micros(this.latency.max());
			}
			return text + ", heap peak " + mb(this.peakHeap) + " (max after GC " + afterGc(this.maxAfterGc) + "), "
					+ (this.check.ok() ? "no loss" : "LOSS") + " (" + this.check.detail() + ")";
		}

	}

	/** One line of the results table. */
	private record Row(String cell, Run subject, Run baseline, String subjectFigure, String baselineName, double ratio,
			String noLoss, String target, Boolean met) {

		String markdown() {
			String subjectRate = (this.subject != null) ? count(this.subject.rate()) : this.subjectFigure;
			String baselineRate = (this.baseline != null) ? count(this.baseline.rate()) : "";
			String p50 = "";
			String p99 = "";
			if (this.subject != null && this.subject.latency() != null) {
				p50 = micros(this.subject.latency().percentile(0.5));
				p99 = micros(this.subject.latency().percentile(0.99));
			}
			String heap = (this.subject != null)
					? mb(this.subject.peakHeap()) + " (" + afterGc(this.subject.maxAfterGc()) + ")" : "";
			String baseHeap = (this.baseline != null)
					? mb(this.baseline.peakHeap()) + " (" + afterGc(this.baseline.maxAfterGc()) + ")" : "";
			String met = (this.met == null) ? "" : this.met ? "yes" : "**no**";
			return String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s | %s | %s | %s | %s | %s |",
					this.cell, subjectRate, this.baselineName, baselineRate, this.ratio, p50, p99, heap, baseHeap,
					this.noLoss, this.target, met);
		}

	}

	/** Command-line options. */
	private record Options(double seconds, double warmup, int rounds, long maxEvents, int workerEvents,
			int bufferEvents, List<String> cells, String out) {

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			for (String arg : args) {
				if (!arg.startsWith("--") || !arg.contains("=")) {
					throw new IllegalArgumentException("options are --name=value, got " + arg);
				}
				values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			Set<String> known = Set.of("seconds", "warmup", "rounds", "max-events", "worker-events", "buffer-events",
					"cells", "out");
			for (String name : values.keySet()) {
				if (!known.contains(name)) {
					throw new IllegalArgumentException("unknown option --" + name + "; options are " + known);
				}
			}
			return new Options(Double.parseDouble(values.getOrDefault("seconds", "5")),
					Double.parseDouble(values.getOrDefault("warmup", "2")),
					Integer.parseInt(values.getOrDefault("rounds", "2")),
					Long.parseLong(values.getOrDefault("max-events", "3000000")),
					Integer.parseInt(values.getOrDefault("worker-events", "250000")),
					Integer.parseInt(values.getOrDefault("buffer-events", "100000")),
					List.of(values.getOrDefault("cells", ALL_CELLS).split(",")),
					values.getOrDefault("out", "benchmarks/target/load-results.md"));
		}

	}

}
