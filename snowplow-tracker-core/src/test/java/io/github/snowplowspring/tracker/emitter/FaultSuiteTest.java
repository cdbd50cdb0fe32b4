package io.github.snowplowspring.tracker.emitter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.http.HttpTransport;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reliability matrix of {@code docs/reliability.md} for HTTP emitters (rows 1-6, 9, 13, 15, 17, 19-22, 25), one test per row,
 * against the scriptable loopback collector. Each ends with the ledger: accepted = unique events
 * received + dropped + pending, lost = 0, and duplicates only where the row allows them. Outages
 * of minutes are scaled down to seconds.
 */
class FaultSuiteTest {

	private final LoopbackCollector collector = LoopbackCollector.start();

	private final RecordingListener listener = new RecordingListener();

	private final List<BatchEmitter> emitters = new ArrayList<>();

	@AfterEach
	void closeEverything() {
		this.emitters.forEach(BatchEmitter::close);
		this.collector.close();
	}

	/** Row 1: 5xx for a few attempts, then 200. */
	@ParameterizedTest(name = "{0} three times, then 200")
	@ValueSource(ints = { 500, 502, 503, 504 })
	void serverErrorsAreRetriedWithBackoffUntilTheCollectorRecovers(int status) {
		this.collector.respond(Response.status(status), Response.status(status), Response.status(status));
		BatchEmitter emitter = emitter(RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))).bufferSize(5).build();
		List<String> ids = track(emitter, 5);
		this.collector.awaitUniqueEvents(5, Duration.ofSeconds(10));
		List<RecordedRequest> requests = this.collector.requests();
		assertThat(requests).hasSize(4);
		// Full jitter below a doubling ceiling: attempt n waits at most 100ms * 2^(n-1) (+ scheduling slack).
		for (int attempt = 1; attempt < 4; attempt++) {
			Duration gap = Duration.between(requests.get(attempt - 1).receivedAt(), requests.get(attempt).receivedAt());
			assertThat(gap).isLessThan(Duration.ofMillis((100L << (attempt - 1)) + 1_000));
		}
		// The same batch, the same event ids, a fresh stm each time.
		assertThat(requests).allSatisfy((request) -> assertThat(request.events()).extracting((event) -> event.get("eid"))
			.containsExactlyElementsOf(ids));
		assertThat(requests).extracting((request) -> request.events().get(0).get("stm")).doesNotHaveDuplicates();
		// Listeners hear on their own thread, just after the ledger is booked.
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(this.listener.failures).hasSize(3).allSatisfy((call) -> {
			assertThat(call.failure().statusCode()).isEqualTo(status);
			assertThat(call.failure().willRetry()).isTrue();
		}));
		assertNothingLost(emitter, 5, 0);
	}

	/** Row 2: 429 with Retry-After in seconds pauses the whole emitter. */
	@Test
	void retryAfterInSecondsIsHonouredByTheWholeEmitter() {
		this.collector.respond(Response.status(429).header("Retry-After", "1"));
		BatchEmitter emitter = emitter(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10))).bufferSize(2).build();
		track(emitter, 6); // the first batch is refused; the others must wait too
		this.collector.awaitUniqueEvents(6, Duration.ofSeconds(10));
		List<RecordedRequest> requests = this.collector.requests();
		Instant refusedAt = requests.get(0).receivedAt();
		assertThat(requests.subList(1, requests.size())).allSatisfy(
				(request) -> assertThat(Duration.between(refusedAt, request.receivedAt())).isGreaterThan(Duration.ofMillis(950)));
		assertNothingLost(emitter, 6, 0);
	}

	/** Row 2: Retry-After as an HTTP date, and a Retry-After beyond the cap. */
	@Test
	void retryAfterAsAnHttpDateIsHonouredAndCapped() {
		String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC));
		this.collector.respond(Response.status(503).header("Retry-After", inTwoSeconds),
				Response.status(429).header("Retry-After", "3600"));
		BatchEmitter emitter = emitter(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(1500))).bufferSize(1).build();
		track(emitter, 1);
		this.collector.awaitUniqueEvents(1, Duration.ofSeconds(10));
		List<RecordedRequest> requests = this.collector.requests();
		assertThat(requests).hasSize(3);
		// The date asked for ~2s, capped at 1.5s; the hour is capped at 1.5s too.
		assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
			.isBetween(Duration.ofMillis(900), Duration.ofMillis(4_000));
		assertThat(Duration.between(requests.get(1).receivedAt(), requests.get(2).receivedAt()))
			.isBetween(Duration.ofMillis(1400), Duration.ofMillis(4_000));
		assertNothingLost(emitter, 1, 0);
	}

	/** Row 3: a refused batch is dropped as rejected, once, and the rest keeps flowing. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 400, 401, 403, 410, 422 })
	void rejectedBatchesAreDroppedWithOneCallbackAndNoRetry(int status) {
		this.collector.respond(Response.status(status));
		BatchEmitter emitter = emitter(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10))).bufferSize(5).build();
		List<String> ids = track(emitter, 15);
		this.collector.awaitUniqueEvents(10, Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(2)).until(() -> emitter.stats().pending() == 0);
		assertThat(this.collector.requests()).hasSize(3);
		// Listeners hear on their own thread, just after the ledger is booked.
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(this.listener.failures).singleElement().satisfies((call) -> {
			assertThat(call.failure().statusCode()).isEqualTo(status);
			assertThat(call.failure().dropReason()).isEqualTo(DropReason.REJECTED);
			assertThat(call.failed()).extracting(Payload::eventId).containsExactlyElementsOf(ids.subList(0, 5));
		}));
		assertThat(emitter.stats().dropped(DropReason.REJECTED)).isEqualTo(5);
		assertNothingLost(emitter, 15, 5);
	}

	/** Row 4: 413 above a size: halves are retried; a single event still too large is oversized. */
	@Test
	void tooLargeBatchesAreSplitAndOnlyEventsTooLargeAloneAreDropped() {
		this.collector.rejectBodiesLargerThan(4_000);
		BatchEmitter emitter = emitter(RetryPolicy.builder()).bufferSize(20).build();
		Tracker tracker = tracker(emitter);
		List<String> small = new ArrayList<>();
		List<String> big = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			if (i % 10 == 3) {
				big.add(tracker.track(SelfDescribing
					.builder("iglu:com.acme/big/jsonschema/1-0-0", Map.of("text", "x".repeat(5_000)))
					.build()));
			}
			else {
				small.add(tracker.track(PageView.builder("https://a.example/" + i).build()));
			}
		}
		emitter.flush(Duration.ofSeconds(10));
		assertThat(this.collector.uniqueEventIds()).containsExactlyInAnyOrderElementsOf(small);
		assertThat(emitter.stats().dropped(DropReason.OVERSIZED)).isEqualTo(big.size());
		List<String> oversized = new ArrayList<>();
		this.listener.failures.stream()
			.filter((call) -> call.failure().dropReason() == DropReason.OVERSIZED)
			.forEach((call) -> call.failed().forEach((payload) -> oversized.add(payload.eventId())));
		assertThat(oversized).containsExactlyInAnyOrderElementsOf(big);
		// Each oversized event was sent alone exactly once: never retried in a loop.
		long aloneAndRefused = this.collector.requests()
			.stream()
			.filter((request) -> request.status() == 413 && request.events().size() == 1)
			.count();
		assertThat(aloneAndRefused).isEqualTo(big.size());
		assertNothingLost(emitter, 40, big.size());
	}

	/** Row 5: the collector stored the batch but the answer never came: retried, duplicates bounded. */
	@Test
	void anAmbiguousTimeoutIsRetriedWithStableIdsAndBoundedDuplicates() {
		this.collector.respond(Response.recordThenHang(Duration.ofSeconds(2)), Response.recordThenClose());
		BatchEmitter emitter = BatchEmitter
			.builder(HttpTransport.builder(this.collector.uri().toString())
				.requestTimeout(Duration.ofMillis(300))
				.build())
			.async()
			.bufferSize(5)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).build())
			.listener(this.listener)
			.build();
		this.emitters.add(emitter);
		List<String> ids = track(emitter, 10);
		emitter.flush(Duration.ofSeconds(10));
		assertThat(this.collector.uniqueEventIds()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.collector.duplicates()).isPositive().isLessThanOrEqualTo(2 * 5);
		assertNothingLost(emitter, 10, 0);
	}

	/** Row 6: a slow collector under load: in-flight bounded, buffer at capacity, drops exact, track() never blocks. */
	@Test
	void aSlowCollectorUnderLoadKeepsEverythingBounded() throws Exception {
		this.collector.setDefaultResponse(Response.ok().delay(Duration.ofMillis(200)));
		BatchEmitter emitter = emitter(RetryPolicy.builder()).threadCount(2).bufferSize(10).bufferCapacity(100).build();
		Tracker tracker = tracker(emitter);
		int maxInFlight = 0;
		long maxHeld = 0;
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		int tracked = 0;
		while (System.nanoTime() < end) {
			tracker.track(PageView.builder("https://a.example/" + tracked).build());
			tracked++;
			EmitterStats stats = emitter.stats();
			maxInFlight = Math.max(maxInFlight, stats.inFlightRequests());
			maxHeld = Math.max(maxHeld, stats.pending());
			if (tracked % 50 == 0) {
				Thread.sleep(1);
			}
		}
		assertThat(maxInFlight).isLessThanOrEqualTo(2);
		assertThat(maxHeld).isLessThanOrEqualTo(100);
		// track() never waited for the slow collector: with drop-newest, what did not fit was dropped instead.
		emitter.flush(Duration.ofSeconds(10));
		EmitterStats stats = emitter.stats();
		assertThat(stats.dropped(DropReason.BUFFER_FULL)).isPositive()
			.isEqualTo(tracked - this.collector.uniqueEventIds().size());
		assertNothingLost(emitter, tracked, stats.dropped(DropReason.BUFFER_FULL));
	}

	/** Row 9: an outage, then recovery: the backlog fits the bounds and drains with no new traffic. */
	@Test
	void anOutageIsBufferedWithinBoundsAndDrainedWhenTheCollectorReturns() throws Exception {
		this.collector.stop();
		BatchEmitter emitter = emitter(RetryPolicy.builder().initialBackoff(Duration.ofMillis(50))
			.maxBackoff(Duration.ofMillis(200))).threadCount(2).bufferSize(25).bufferCapacity(500).build();
		List<String> ids = track(emitter, 800);
		assertThat(emitter.stats().pending()).isEqualTo(500);
		assertThat(emitter.stats().dropped(DropReason.BUFFER_FULL)).isEqualTo(300);
		Thread.sleep(1_000); // the outage goes on; retries keep failing
		this.collector.restart();
		assertThat(this.collector.awaitUniqueEvents(500, Duration.ofSeconds(10)))
			.containsExactlyInAnyOrderElementsOf(ids.subList(0, 500));
		assertNothingLost(emitter, 800, 300);
		assertThat(this.collector.duplicates()).isZero();
	}

	/** Row 13: closing with a backlog delivers it within the budget, leaves no thread, and is idempotent. */
	@Test
	void closeWithABacklogDeliversItWithinTheBudget() {
		BatchEmitter emitter = emitter(RetryPolicy.builder()).name("closing").threadCount(2).bufferSize(50)
			.bufferCapacity(10_000)
			.closeTimeout(Duration.ofSeconds(10))
			.build();
		List<String> ids = track(emitter, 5_000);
		long start = System.nanoTime();
		emitter.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		emitter.close();
		assertThat(this.collector.uniqueEventIds()).containsExactlyInAnyOrderElementsOf(ids);
		assertNothingLost(emitter, 5_000, 0);
		await().atMost(Duration.ofSeconds(3)).until(() -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((thread) -> thread.getName().startsWith("snowplow-closing-")));
	}

	/** Row 15: sustained overload: memory stays at the bound and every drop is counted. */
	@Test
	void sustainedOverloadKeepsMemoryAtTheBoundAndCountsEveryDrop() throws Exception {
		this.collector.setDefaultResponse(Response.ok().delay(Duration.ofMillis(50)));
		long maxBytes = 64 * 1024;
		BatchEmitter emitter = emitter(RetryPolicy.builder()).threadCount(1).bufferSize(20).bufferCapacity(100_000)
			.bufferMaxBytes(maxBytes)
			.build();
		Tracker tracker = tracker(emitter);
		ExecutorService producers = Executors.newFixedThreadPool(2);
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		long[] counts = new long[2];
		for (int p = 0; p < 2; p++) {
			int producer = p;
			producers.execute(() -> {
				while (System.nanoTime() < end) {
					tracker.track(PageView.builder("https://a.example/" + counts[producer]).build());
					counts[producer]++;
				}
			});
		}
		long maxHeldBytes = 0;
		while (System.nanoTime() < end) {
			maxHeldBytes = Math.max(maxHeldBytes, emitter.stats().bufferedBytes());
			Thread.sleep(5);
		}
		producers.shutdown();
		assertThat(producers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		long tracked = counts[0] + counts[1];
		assertThat(maxHeldBytes).isLessThanOrEqualTo(maxBytes);
		emitter.flush(Duration.ofSeconds(10));
		EmitterStats stats = emitter.stats();
		assertThat(stats.dropped(DropReason.BUFFER_FULL)).isPositive()
			.isEqualTo(tracked - this.collector.uniqueEventIds().size());
		assertNothingLost(emitter, tracked, stats.dropped(DropReason.BUFFER_FULL));
	}

	/** Row 17: an event above max-event-bytes is dropped at once as oversized, never sent or retried. */
	@Test
	void anOversizedEventIsDroppedWhenAcceptedAndNeverSent() {
		BatchEmitter emitter = emitter(RetryPolicy.builder()).bufferSize(1).maxEventBytes(2_000).build();
		String id = tracker(emitter).track(SelfDescribing
			.builder("iglu:com.acme/big/jsonschema/1-0-0", Map.of("text", "x".repeat(3_000)))
			.build());
		List<String> ids = track(emitter, 3);
		this.collector.awaitUniqueEvents(3, Duration.ofSeconds(5));
		assertThat(this.collector.uniqueEventIds()).doesNotContain(id).containsExactlyInAnyOrderElementsOf(ids);
		await().atMost(Duration.ofSeconds(2)).until(() -> !this.listener.failures.isEmpty());
		// Listeners hear on their own thread, just after the ledger is booked.
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(this.listener.failures).singleElement().satisfies((call) -> {
			assertThat(call.failure().dropReason()).isEqualTo(DropReason.OVERSIZED);
			assertThat(call.failed()).extracting(Payload::eventId).containsExactly(id);
		}));
		assertNothingLost(emitter, 4, 1);
	}

	/** Row 19: one event, then silence: the timer delivers it. */
	@Test
	void aLoneEventIsDeliveredWithinTheFlushInterval() {
		BatchEmitter emitter = emitter(RetryPolicy.builder()).bufferSize(50).flushInterval(Duration.ofMillis(300)).build();
		String id = tracker(emitter).track(PageView.builder("https://a.example/").build());
		long start = System.nanoTime();
		assertThat(this.collector.awaitUniqueEvents(1, Duration.ofSeconds(3))).containsExactly(id);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 3_000));
	}

	/** Row 20: the collector fails for a while, nobody tracks anything, and the retry timer delivers. */
	@Test
	void retriesNeedNoNewTraffic() throws Exception {
		this.collector.setDefaultResponse(Response.status(503));
		BatchEmitter emitter = emitter(RetryPolicy.builder().initialBackoff(Duration.ofMillis(50))
			.maxBackoff(Duration.ofMillis(300))).bufferSize(10).build();
		List<String> ids = track(emitter, 10);
		Thread.sleep(1_000);
		assertThat(this.collector.requests().size()).isGreaterThan(2);
		this.collector.setDefaultResponse(Response.ok());
		assertThat(this.collector.awaitUniqueEvents(10, Duration.ofSeconds(3))).containsExactlyInAnyOrderElementsOf(ids);
		assertNothingLost(emitter, 10, 0);
	}

	/** Row 21: one emitter's collector is down; the other delivers everything and the caller never waits. */
	@Test
	void aDownEmitterDoesNotHoldBackAHealthyOne() {
		try (LoopbackCollector down = LoopbackCollector.start()) {
			down.stop();
			BatchEmitter broken = BatchEmitter.builder(HttpTransport.builder(down.uri().toString()).build())
				.async()
				.name("broken")
				.bufferSize(10)
				.bufferCapacity(1_000)
				.closeTimeout(Duration.ofMillis(300))
				.build();
			this.emitters.add(broken);
			BatchEmitter healthy = emitter(RetryPolicy.builder()).name("healthy").bufferSize(10).build();
			Tracker tracker = Tracker.builder("test").emitter(broken, healthy).build();
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 1_000; i++) {
				ids.add(tracker.track(PageView.builder("https://a.example/" + i).build()));
			}
			assertThat(this.collector.awaitUniqueEvents(1_000, Duration.ofSeconds(10))).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(broken.stats().pending()).isEqualTo(1_000);
			assertNothingLost(healthy, 1_000, 0);
		}
	}

	/** Row 22: a listener that throws or sleeps is isolated from sending. */
	@Test
	void aSleepingListenerDoesNotSlowSending() {
		BatchEmitter emitter = BatchEmitter.builder(HttpTransport.builder(this.collector.uri().toString()).build())
			.async()
			.bufferSize(10)
			.listener(new EmitterListener() {
				@Override
				public void onSuccess(List<Payload> sent) {
					try {
						Thread.sleep(5_000);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			})
			.closeTimeout(Duration.ofSeconds(1))
			.build();
		this.emitters.add(emitter);
		track(emitter, 500);
		assertThat(this.collector.awaitUniqueEvents(500, Duration.ofSeconds(4))).hasSize(500);
	}

	/** Row 25: a redirect to a login page is a failure, never a false success; a 200 page is a success. */
	@Test
	void aRedirectIsNeverMistakenForSuccess() {
		this.collector.respond(Response.status(302).header("Location", "https://sso.example/login"),
				Response.status(200).header("Content-Type", "text/html").body("<html>proxy</html>"));
		BatchEmitter emitter = emitter(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10))).bufferSize(3).build();
		List<String> ids = track(emitter, 3);
		this.collector.awaitUniqueEvents(3, Duration.ofSeconds(5));
		assertThat(this.collector.requests()).extracting(RecordedRequest::status).containsExactly(302, 200);
		// Listeners hear on their own thread, just after the ledger is booked.
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(this.listener.failures).singleElement().satisfies((call) -> {
			assertThat(call.failure().statusCode()).isEqualTo(302);
			assertThat(call.failure().willRetry()).isTrue();
		}));
		assertThat(this.collector.uniqueEventIds()).containsExactlyInAnyOrderElementsOf(ids);
		assertNothingLost(emitter, 3, 0);
	}

	/** An unknown host is a network failure like any other: retried, never dropped on the spot. */
	@Test
	void anUnknownHostIsRetried() {
		BatchEmitter emitter = BatchEmitter
			.builder(HttpTransport.builder("http://collector.invalid").connectTimeout(Duration.ofMillis(500)).build())
			.async()
			.bufferSize(2)
			.listener(this.listener)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(30)).build())
			.closeTimeout(Duration.ofMillis(200))
			.build();
		this.emitters.add(emitter);
		track(emitter, 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.listener.failures.isEmpty());
		assertThat(this.listener.failures.get(0).failure().willRetry()).isTrue();
		assertThat(this.listener.failures.get(0).failure().cause()).isInstanceOf(java.io.IOException.class);
		assertThat(emitter.stats().pending()).isEqualTo(2);
	}

	private BatchEmitter.Builder emitter(RetryPolicy.Builder retry) {
		return BatchEmitter.builder(HttpTransport.builder(this.collector.uri().toString()).build())
			.async()
			.name("faults")
			.retryPolicy(retry.build())
			.listener(this.listener);
	}

	private Tracker tracker(BatchEmitter emitter) {
		if (!this.emitters.contains(emitter)) {
			this.emitters.add(emitter); // closed after the test
		}
		return Tracker.builder("faults").emitter(emitter).build();
	}

	private List<String> track(BatchEmitter emitter, int count) {
		Tracker tracker = tracker(emitter);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(tracker.track(PageView.builder("https://a.example/" + i).build()));
		}
		return ids;
	}

	/**
	 * The ledger at rest: accepted = unique received + dropped, nothing pending, nothing lost.
	 * Waits briefly: the collector records a batch just before the emitter hears the answer.
	 */
	private void assertNothingLost(BatchEmitter emitter, long accepted, long dropped) {
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertLedgerAtRest(emitter, accepted, dropped));
	}

	private void assertLedgerAtRest(BatchEmitter emitter, long accepted, long dropped) {
		EmitterStats stats = emitter.stats();
		assertThat(stats.accepted()).as("accepted").isEqualTo(accepted);
		assertThat(stats.pending()).as("pending").isZero();
		assertThat(stats.droppedTotal()).as("dropped").isEqualTo(dropped);
		assertThat(stats.sent()).as("sent").isEqualTo(accepted - dropped);
		long lost = stats.accepted() - stats.sent() - stats.droppedTotal() - stats.pending();
		assertThat(lost).as("lost").isZero();
	}

}
