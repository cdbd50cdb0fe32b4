package io.github.snowplowspring.tracker.emitter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.http.HttpMethod;
import io.github.snowplowspring.tracker.http.HttpTransport;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous emitter (the Python {@code AsyncEmitter}) against a real loopback collector.
 * Every test ends with the ledger: accepted = sent (unique event ids at the collector) + dropped
 * + pending, and nothing is lost.
 */
class AsyncEmitterTest {

	private final LoopbackCollector collector = LoopbackCollector.start();

	private final RecordingListener listener = new RecordingListener();

	private final List<BatchEmitter> emitters = new ArrayList<>();

	@AfterEach
	void closeEverything() {
		this.emitters.forEach(BatchEmitter::close);
		this.collector.close();
	}

	@Test
	void manyThreadsTrackingAtOnceLoseNothing() throws Exception {
		BatchEmitter emitter = register(emitter().threadCount(2).bufferSize(50).bufferCapacity(100_000).build());
		Tracker tracker = tracker(emitter);
		int threads = 8;
		int perThread = 2_500;
		List<String> ids = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		for (int t = 0; t < threads; t++) {
			pool.execute(() -> {
				awaitQuietly(start);
				for (int i = 0; i < perThread; i++) {
					ids.add(tracker.track(PageView.builder("https://a.example/" + i).build()));
				}
			});
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		FlushResult flushed = emitter.flush(Duration.ofSeconds(30));
		assertThat(flushed.pending()).isZero();
		assertThat(this.collector.uniqueEventIds()).hasSize(threads * perThread).containsAll(ids);
		assertThat(this.collector.duplicates()).isZero();
		assertThat(this.collector.requests()).allSatisfy((request) -> assertThat(request.events()).hasSizeLessThanOrEqualTo(50));
		assertLedger(emitter, threads * perThread, 0);
	}

	@Test
	void oneEventThenSilenceIsDeliveredByTheTimer() {
		BatchEmitter emitter = register(emitter().bufferSize(50).flushInterval(Duration.ofMillis(200)).build());
		String id = tracker(emitter).track(PageView.builder("https://a.example/").build());
		assertThat(this.collector.awaitUniqueEvents(1, Duration.ofSeconds(3))).containsExactly(id);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertLedger(emitter, 1, 0));
	}

	@Test
	void theFlushTimerCanBeCancelledAndSetAgain() throws Exception {
		BatchEmitter emitter = register(emitter().bufferSize(50).flushInterval(Duration.ofMillis(100)).build());
		emitter.cancelFlushInterval();
		assertThat(emitter.hasFlushInterval()).isFalse();
		tracker(emitter).track(PageView.builder("https://a.example/").build());
		Thread.sleep(500);
		assertThat(this.collector.requests()).isEmpty();
		emitter.setFlushInterval(Duration.ofMillis(100));
		this.collector.awaitUniqueEvents(1, Duration.ofSeconds(3));
	}

	@Test
	void trackOnlyEnqueuesAndFullBatchesGoWithoutATimer() {
		this.collector.respond(Response.status(200).delay(Duration.ofSeconds(2)));
		BatchEmitter emitter = register(emitter().bufferSize(10).flushInterval(Duration.ZERO).build());
		Tracker tracker = tracker(emitter);
		track(tracker, 25);
		// The collector holds its first answer for 2s: tracking returned without waiting for it.
		assertThat(emitter.stats().sent()).isZero();
		assertThat(emitter.stats().pending()).isEqualTo(25);
		await().atMost(Duration.ofSeconds(5)).until(() -> emitter.stats().sent() == 20);
		assertThat(emitter.stats().bufferedEvents()).isEqualTo(5); // a partial batch waits for a flush
		assertThat(emitter.flush(Duration.ofSeconds(5))).isEqualTo(new FlushResult(5, 0, 0));
	}

	@Test
	void inFlightRequestsAreBoundedByTheThreadCount() {
		this.collector.setDefaultResponse(Response.ok().delay(Duration.ofMillis(200)));
		BatchEmitter emitter = register(emitter().threadCount(3).bufferSize(1).build());
		track(tracker(emitter), 12);
		await().atMost(Duration.ofSeconds(2)).until(() -> emitter.stats().inFlightRequests() == 3);
		for (int i = 0; i < 10; i++) {
			assertThat(emitter.stats().inFlightRequests()).isLessThanOrEqualTo(3);
		}
		assertThat(emitter.flush(Duration.ofSeconds(10)).pending()).isZero();
		assertLedger(emitter, 12, 0);
	}

	@Test
	void dropNewestDropsExactlyWhatDoesNotFit() {
		this.collector.stop();
		BatchEmitter emitter = register(emitter().bufferSize(5).bufferCapacity(10)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(30)).build())
			.build());
		List<String> ids = track(tracker(emitter), 15);
		await().atMost(Duration.ofSeconds(2)).until(() -> emitter.stats().failed() == 5);
		assertThat(emitter.stats().dropped(DropReason.BUFFER_FULL)).isEqualTo(5);
		await().atMost(Duration.ofSeconds(2)).until(() -> droppedIds(DropReason.BUFFER_FULL).size() == 5);
		assertThat(droppedIds(DropReason.BUFFER_FULL)).containsExactlyElementsOf(ids.subList(10, 15));
		this.collector.restart();
		assertThat(emitter.flush(Duration.ofSeconds(5)).pending()).isZero();
		assertThat(this.collector.uniqueEventIds()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 10));
		assertLedger(emitter, 15, 5);
	}

	@Test
	void dropOldestEvictsTheOldestBufferedEventsButNeverABatchWaitingForRetry() {
		this.collector.stop();
		BatchEmitter emitter = register(emitter().bufferSize(5).bufferCapacity(10)
			.overflow(OverflowPolicy.DROP_OLDEST)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(30)).build())
			.build());
		Tracker tracker = tracker(emitter);
		List<String> ids = track(tracker, 5);
		await().atMost(Duration.ofSeconds(2)).until(() -> emitter.stats().failed() == 5); // first batch waits for retry
		ids.addAll(track(tracker, 8));
		// 5 retrying + 5 buffered fit; 3 more evict the 3 oldest buffered (events 5, 6, 7).
		assertThat(emitter.stats().dropped(DropReason.BUFFER_FULL)).isEqualTo(3);
		await().atMost(Duration.ofSeconds(2)).until(() -> droppedIds(DropReason.BUFFER_FULL).size() == 3);
		assertThat(droppedIds(DropReason.BUFFER_FULL)).containsExactlyElementsOf(ids.subList(5, 8));
		this.collector.restart();
		assertThat(emitter.flush(Duration.ofSeconds(5)).pending()).isZero();
		List<String> expected = new ArrayList<>(ids.subList(0, 5));
		expected.addAll(ids.subList(8, 13));
		assertThat(this.collector.uniqueEventIds()).containsExactlyInAnyOrderElementsOf(expected);
		assertLedger(emitter, 13, 3);
	}

	@Test
	void blockWaitsForRoomAndDropsOnlyAfterMaxBlock() throws Exception {
		this.collector.setDefaultResponse(Response.ok().delay(Duration.ofMillis(300)));
		BatchEmitter emitter = register(emitter().bufferSize(5).bufferCapacity(5)
			.overflow(OverflowPolicy.BLOCK)
			.maxBlock(Duration.ofSeconds(5))
			.build());
		Tracker tracker = tracker(emitter);
		track(tracker, 5); // fills the buffer; the batch goes out and takes 300ms
		long start = System.nanoTime();
		track(tracker, 5); // blocks until the first batch is delivered
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(150));
		assertThat(emitter.stats().droppedTotal()).isZero();

		BatchEmitter impatient = register(emitter().bufferSize(100).bufferCapacity(2)
			.overflow(OverflowPolicy.BLOCK)
			.maxBlock(Duration.ofMillis(100))
			.flushInterval(Duration.ZERO)
			.build());
		track(tracker(impatient), 3);
		assertThat(impatient.stats().dropped(DropReason.BUFFER_FULL)).isEqualTo(1);
		assertThat(emitter.flush(Duration.ofSeconds(5)).pending()).isZero();
		assertLedger(emitter, 10, 0);
	}

	@Test
	void aThrowingOrSlowListenerNeverHoldsUpDelivery() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		BatchEmitter slow = register(emitter().bufferSize(10).listener(new EmitterListener() {
			@Override
			public void onSuccess(List<Payload> sent) {
				awaitQuietly(release);
			}
		}).build());
		BatchEmitter throwing = register(emitter().bufferSize(10).listener(new EmitterListener() {
			@Override
			public void onSuccess(List<Payload> sent) {
				throw new IllegalStateException("listener bug");
			}
		}).build());
		Tracker tracker = Tracker.builder("test").emitter(slow, throwing).build();
		track(tracker, 200);
		// Both emitters deliver everything while the slow listener is still stuck in its first call.
		this.collector.awaitEvents(400, Duration.ofSeconds(10));
		assertThat(this.collector.uniqueEventIds()).hasSize(200);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertLedger(slow, 200, 0);
			assertLedger(throwing, 200, 0);
		});
		release.countDown();
	}

	@Test
	void aSynchronousFlushFromAListenerDoesNotDeadlock() throws Exception {
		AtomicReference<BatchEmitter> self = new AtomicReference<>();
		List<FlushResult> flushes = Collections.synchronizedList(new ArrayList<>());
		BatchEmitter emitter = register(emitter().bufferSize(5).listener(new EmitterListener() {
			@Override
			public void onSuccess(List<Payload> sent) {
				flushes.add(self.get().flush(Duration.ofSeconds(2)));
			}
		}).build());
		self.set(emitter);
		track(tracker(emitter), 23);
		await().atMost(Duration.ofSeconds(10)).until(() -> flushes.size() >= 1);
		assertThat(emitter.flush(Duration.ofSeconds(5)).pending()).isZero();
		assertLedger(emitter, 23, 0);
	}

	@Test
	void closeWithAFullBufferAndTheCollectorUpDeliversEverything() {
		BatchEmitter emitter = emitter().threadCount(2).bufferSize(50).bufferCapacity(20_000).build();
		List<String> ids = track(tracker(emitter), 10_000);
		emitter.close();
		assertThat(this.collector.uniqueEventIds()).hasSize(10_000).containsAll(ids);
		assertLedger(emitter, 10_000, 0);
	}

	@Test
	void closeWithTheCollectorDownReportsEveryEventAsDroppedShutdown() {
		this.collector.stop();
		BatchEmitter emitter = emitter().bufferSize(10).closeTimeout(Duration.ofMillis(500)).build();
		List<String> ids = track(tracker(emitter), 35);
		emitter.close();
		EmitterStats stats = emitter.stats();
		assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(35);
		assertThat(stats.pending()).isZero();
		assertThat(droppedIds(DropReason.SHUTDOWN)).containsExactlyInAnyOrderElementsOf(ids);
		assertLedger(emitter, 35, 35);
	}

	@Test
	void closeStopsEveryThreadTheEmitterMadeAndIsIdempotent() {
		long nonDaemonBefore = nonDaemonThreads();
		BatchEmitter emitter = emitter().name("threads").threadCount(3).bufferSize(5).build();
		track(tracker(emitter), 50);
		emitter.flush(Duration.ofSeconds(5));
		assertThat(threadsOf("threads")).isNotEmpty();
		emitter.close();
		emitter.close();
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(threadsOf("threads")).isEmpty());
		assertThat(nonDaemonThreads()).isLessThanOrEqualTo(nonDaemonBefore);
		tracker(emitter).track(PageView.builder("https://a.example/late").build());
		assertThat(emitter.stats().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
	}

	@Test
	void aGivenExecutorIsUsedAndNeverShutDown() {
		ExecutorService executor = Executors.newCachedThreadPool();
		try {
			BatchEmitter emitter = emitter().name("given").executor(executor).threadCount(2).bufferSize(5).build();
			track(tracker(emitter), 20);
			emitter.close();
			assertThat(this.collector.uniqueEventIds()).hasSize(20);
			assertThat(executor.isShutdown()).isFalse();
			assertThat(threadsOf("given")).allSatisfy((thread) -> assertThat(thread.getName()).contains("timer"));
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aFailingEmitterNeverSlowsAnotherOrTheCaller() {
		try (LoopbackCollector down = LoopbackCollector.start()) {
			down.setDefaultResponse(Response.ok().delay(Duration.ofSeconds(5)));
			BatchEmitter stuck = register(BatchEmitter
				.builder(HttpTransport.builder(down.uri().toString()).requestTimeout(Duration.ofSeconds(10)).build())
				.async()
				.name("stuck")
				.bufferSize(10)
				.bufferCapacity(50)
				.closeTimeout(Duration.ofMillis(200))
				.build());
			BatchEmitter healthy = register(emitter().name("healthy").bufferSize(10).build());
			Tracker tracker = Tracker.builder("test").emitter(stuck, healthy).build();
			long start = System.nanoTime();
			track(tracker, 500);
			// The stuck emitter's requests take 5s each: tracking 500 events did not wait for them.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to track").isLessThan(Duration.ofSeconds(5));
			assertThat(healthy.flush(Duration.ofSeconds(5)).pending()).isZero();
			assertThat(this.collector.uniqueEventIds()).hasSize(500);
			assertThat(stuck.stats().dropped(DropReason.BUFFER_FULL)).isEqualTo(450);
			assertLedger(healthy, 500, 0);
		}
	}

	@Test
	void aGivenSchedulerRunsTheTimerAndIsNeverShutDown() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try {
			BatchEmitter emitter = emitter().name("scheduled").scheduler(scheduler).bufferSize(50)
				.flushInterval(Duration.ofMillis(100))
				.build();
			track(tracker(emitter), 3);
			this.collector.awaitUniqueEvents(3, Duration.ofSeconds(3));
			emitter.close();
			assertThat(scheduler.isShutdown()).isFalse();
			assertThat(threadsOf("scheduled")).allSatisfy((thread) -> assertThat(thread.getName()).contains("sender"));
		}
		finally {
			scheduler.shutdownNow();
		}
	}

	@Test
	void getSendsOneEventPerRequestAndSurvivesDroppedConnections() {
		// The JDK client may resend an idempotent GET once by itself on a dropped pooled connection,
		// so a duplicate is allowed here; a loss is not.
		this.collector.respond(Response.ok(), Response.closeConnection(), Response.ok(), Response.closeConnection());
		BatchEmitter emitter = register(BatchEmitter
			.builder(HttpTransport.builder(this.collector.uri().toString()).method(HttpMethod.GET).build())
			.async()
			.name("get")
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(20)).build())
			.build());
		List<String> ids = track(tracker(emitter), 10);
		assertThat(this.collector.awaitUniqueEvents(10, Duration.ofSeconds(5))).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.collector.requests()).allSatisfy((request) -> assertThat(request.method()).isEqualTo("GET"));
		assertThat(this.collector.duplicates()).isLessThanOrEqualTo(2);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertLedger(emitter, 10, 0));
	}

	@Test
	void retriesAreDrivenByTheTimerWithoutNewTraffic() {
		this.collector.respond(Response.status(503), Response.status(503));
		BatchEmitter emitter = register(emitter().bufferSize(5)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(50)).build())
			.build());
		List<String> ids = track(tracker(emitter), 5);
		assertThat(this.collector.awaitUniqueEvents(5, Duration.ofSeconds(5))).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.collector.requests()).hasSize(3);
		assertThat(this.collector.duplicates()).isZero();
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertLedger(emitter, 5, 0));
		assertThat(emitter.stats().failed()).isEqualTo(10);
	}

	@Test
	void statsShowTheRetryStateAndTheObserverHearsEveryRequest() {
		this.collector.respond(Response.status(503));
		List<SendObserver.Result> results = Collections.synchronizedList(new ArrayList<>());
		BatchEmitter emitter = register(emitter().bufferSize(3)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(30)).build())
			.sendObserver((events, duration, result) -> {
				assertThat(events).isEqualTo(3);
				assertThat(duration).isPositive();
				results.add(result);
			})
			.build());
		track(tracker(emitter), 3);
		await().atMost(Duration.ofSeconds(3)).until(() -> emitter.stats().failed() == 3);
		EmitterStats failing = emitter.stats();
		assertThat(failing.retryAttempt()).isEqualTo(2);
		assertThat(failing.nextRetryAt()).isAfter(java.time.Instant.now().plusSeconds(-1));
		assertThat(failing.lastError()).isEqualTo("HTTP 503");
		assertThat(failing.lastFailure()).isNotNull();
		assertThat(failing.lastSuccess()).isNull();
		assertThat(failing.oldestEventTime()).isBeforeOrEqualTo(java.time.Instant.now());
		assertThat(failing.capacity()).isEqualTo(10_000);
		emitter.flush(Duration.ofSeconds(5));
		EmitterStats recovered = emitter.stats();
		assertThat(recovered.retryAttempt()).isZero();
		assertThat(recovered.nextRetryAt()).isNull();
		assertThat(recovered.oldestEventTime()).isNull();
		assertThat(recovered.lastSuccess()).isAfterOrEqualTo(failing.lastFailure());
		assertThat(recovered.retried()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(results).containsExactly(SendObserver.Result.RETRY, SendObserver.Result.SUCCESS));
	}

	@Test
	void eventsOlderThanMaxAgeExpire() {
		MutableClock clock = new MutableClock();
		this.collector.setDefaultResponse(Response.status(503));
		BatchEmitter emitter = register(emitter().bufferSize(5).clock(clock)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(50))
				.maxAge(Duration.ofMinutes(30))
				.build())
			.build());
		track(tracker(emitter), 5);
		await().atMost(Duration.ofSeconds(2)).until(() -> emitter.stats().failed() >= 5);
		clock.advance(Duration.ofMinutes(31));
		await().atMost(Duration.ofSeconds(5)).until(() -> emitter.stats().dropped(DropReason.EXPIRED) == 5);
		assertLedger(emitter, 5, 5);
	}

	@Test
	void eventsExpireAfterMaxAttempts() {
		this.collector.setDefaultResponse(Response.status(500));
		BatchEmitter emitter = register(emitter().bufferSize(2)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).maxAttempts(3).build())
			.build());
		track(tracker(emitter), 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> emitter.stats().dropped(DropReason.EXPIRED) == 2);
		assertThat(this.collector.requests()).hasSize(3);
		assertThat(droppedIds(DropReason.EXPIRED)).hasSize(2);
		assertLedger(emitter, 2, 2);
	}

	private BatchEmitter.Builder emitter() {
		return BatchEmitter.builder(HttpTransport.builder(this.collector.uri().toString()).build())
			.async()
			.name("async-test")
			.listener(this.listener);
	}

	private BatchEmitter register(BatchEmitter emitter) {
		this.emitters.add(emitter);
		return emitter;
	}

	private static Tracker tracker(BatchEmitter emitter) {
		return Tracker.builder("test").appId("async-test").emitter(emitter).build();
	}

	private static List<String> track(Tracker tracker, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(tracker.track(PageView.builder("https://a.example/" + i).build()));
		}
		return ids;
	}

	private List<String> droppedIds(DropReason reason) {
		List<String> ids = new ArrayList<>();
		this.listener.failures.stream()
			.filter((call) -> call.failure().dropReason() == reason)
			.forEach((call) -> call.failed().forEach((payload) -> ids.add(payload.eventId())));
		return ids;
	}

	/** accepted = sent + dropped + pending; sent is what the collector holds; nothing pending is lost. */
	private void assertLedger(BatchEmitter emitter, long accepted, long dropped) {
		EmitterStats stats = emitter.stats();
		assertThat(stats.accepted()).as("accepted").isEqualTo(accepted);
		assertThat(stats.droppedTotal()).as("dropped").isEqualTo(dropped);
		assertThat(stats.sent() + stats.droppedTotal() + stats.pending()).as("sent + dropped + pending")
			.isEqualTo(stats.accepted());
		assertThat(stats.pending()).as("pending").isZero();
		assertThat(stats.sent()).as("sent").isEqualTo(accepted - dropped);
	}

	private static Set<Thread> threadsOf(String emitterName) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("snowplow-" + emitterName + "-") && thread.isAlive())
			.collect(Collectors.toSet());
	}

	private static long nonDaemonThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter((thread) -> !thread.isDaemon() && thread.isAlive()).count();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		assertThatNoException().isThrownBy(() -> latch.await(30, TimeUnit.SECONDS));
	}

}
