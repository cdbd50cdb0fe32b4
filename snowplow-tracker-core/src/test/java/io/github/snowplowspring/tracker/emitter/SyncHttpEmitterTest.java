package io.github.snowplowspring.tracker.emitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.http.HttpMethod;
import io.github.snowplowspring.tracker.http.HttpTransport;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synchronous emitter (the Python {@code Emitter}) against a real loopback collector: the
 * caller's thread sends when the buffer is full, and the ledger accounts for every event.
 */
class SyncHttpEmitterTest {

	private final LoopbackCollector collector = LoopbackCollector.start();

	private final RecordingListener listener = new RecordingListener();

	@AfterEach
	void stopCollector() {
		this.collector.close();
	}

	@Test
	void getSendsOneRequestPerEventOnceTheBufferIsFull() {
		// The Python documentation's example: buffer_size 3, GET.
		BatchEmitter emitter = emitter(HttpMethod.GET).bufferSize(3).build();
		Tracker tracker = tracker(emitter);
		tracker.track(PageView.builder("https://a.example/one page").build());
		tracker.track(PageView.builder("https://a.example/two").build());
		assertThat(this.collector.requests()).isEmpty();
		tracker.track(PageView.builder("https://a.example/three").build());
		List<RecordedRequest> requests = this.collector.requests();
		assertThat(requests).hasSize(3).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/i");
			assertThat(request.rawQuery()).startsWith("stm=").contains("&e=pv&");
		});
		assertThat(requests.get(0).rawQuery()).contains("url=https%3A%2F%2Fa.example%2Fone%20page");
		assertThat(this.collector.events().get(0).get("url")).isEqualTo("https://a.example/one page");
		assertThat(this.listener.sentCount()).isEqualTo(3);
		assertLedger(emitter.stats(), 3, 3, 0);
	}

	@Test
	void postSendsBatchesOfBufferSizeAndFlushSendsTheRest() {
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(10).build();
		Tracker tracker = tracker(emitter);
		List<String> ids = track(tracker, 25);
		assertThat(this.collector.requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.events()).hasSize(10));
		FlushResult flushed = tracker.flush(Duration.ofSeconds(5));
		assertThat(flushed).isEqualTo(new FlushResult(5, 0, 0));
		List<RecordedRequest> requests = this.collector.requests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(2).events()).hasSize(5);
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/com.snowplowanalytics.snowplow/tp2");
			assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
			assertThat(request.header("X-Api-Key")).isEqualTo("secret");
		});
		assertThat(this.collector.eventIds()).containsExactlyElementsOf(ids);
		assertLedger(emitter.stats(), 25, 25, 0);
	}

	@Test
	void stmIsTheSendTimeOfEachAttemptInMilliseconds() {
		Instant sendTime = Instant.parse("2026-12-04T12:00:00.789Z");
		BatchEmitter emitter = BatchEmitter
			.builder(HttpTransport.builder(this.collector.uri().toString())
				.clock(Clock.fixed(sendTime, ZoneOffset.UTC))
				.build())
			.bufferSize(1)
			.build();
		tracker(emitter).track(PageView.builder("https://a.example/").build());
		Map<String, String> event = this.collector.events().get(0);
		assertThat(event.get("stm")).isEqualTo(Long.toString(sendTime.toEpochMilli()));
		assertThat(Long.parseLong(event.get("dtm"))).isNotEqualTo(sendTime.toEpochMilli());
	}

	@Test
	void noPostBodyExceedsTheByteLimitAndALargerEventGoesAlone() {
		int byteLimit = 2_000;
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(100).byteLimit(byteLimit).build();
		Tracker tracker = tracker(emitter);
		List<String> ids = track(tracker, 40);
		String big = tracker.track(SelfDescribing
			.builder("iglu:com.acme/big/jsonschema/1-0-0", Map.of("text", "x".repeat(3_000)))
			.build());
		ids.add(big);
		emitter.flush(Duration.ofSeconds(5));
		List<RecordedRequest> requests = this.collector.requests();
		assertThat(requests).hasSizeGreaterThan(2);
		for (RecordedRequest request : requests) {
			if (request.events().stream().anyMatch((event) -> event.get("eid").equals(big))) {
				assertThat(request.events()).hasSize(1);
			}
			else {
				assertThat(request.body().length).isLessThanOrEqualTo(byteLimit);
			}
		}
		// Batches are filled up to the limit, not cut early.
		assertThat(requests.get(0).body().length).isGreaterThan(byteLimit - 500);
		assertThat(this.collector.eventIds()).containsExactlyInAnyOrderElementsOf(ids);
		assertLedger(emitter.stats(), 41, 41, 0);
	}

	@Test
	void callbacksReceiveTheSentAndTheFailedEvents() {
		this.collector.respond(Response.status(503));
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(2).build();
		Tracker tracker = tracker(emitter);
		List<String> ids = track(tracker, 2);
		assertThat(this.listener.failures).singleElement().satisfies((call) -> {
			assertThat(call.failure().statusCode()).isEqualTo(503);
			assertThat(call.failure().willRetry()).isTrue();
			assertThat(call.failed()).extracting(Payload::eventId).containsExactlyElementsOf(ids);
			assertThat(call.failed().get(0).get("url")).isEqualTo("https://a.example/0");
		});
		assertThat(emitter.stats().failed()).isEqualTo(2);
		assertLedger(emitter.stats(), 2, 0, 0);
		assertThat(emitter.stats().pending()).isEqualTo(2);

		emitter.flush(Duration.ofSeconds(5)); // same batch, same event ids
		assertThat(this.listener.successes).singleElement()
			.satisfies((sent) -> assertThat(sent).extracting(Payload::eventId).containsExactlyElementsOf(ids));
		assertThat(this.collector.eventIds()).containsExactlyElementsOf(ids);
		assertLedger(emitter.stats(), 2, 2, 0);
	}

	@Test
	void aRejectedBatchIsDroppedOnceAndTheRestKeepsFlowing() {
		this.collector.respond(Response.status(400));
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(2).build();
		Tracker tracker = tracker(emitter);
		track(tracker, 4);
		assertThat(this.listener.failures).singleElement().satisfies((call) -> {
			assertThat(call.failure().statusCode()).isEqualTo(400);
			assertThat(call.failure().dropReason()).isEqualTo(DropReason.REJECTED);
			assertThat(call.failed()).hasSize(2);
		});
		assertThat(this.collector.uniqueEventIds()).hasSize(2);
		EmitterStats stats = emitter.stats();
		assertThat(stats.dropped(DropReason.REJECTED)).isEqualTo(2);
		assertLedger(stats, 4, 2, 2);
	}

	@Test
	void customCodesOverrideTheRetryDecision() {
		this.collector.respond(Response.status(403), Response.status(500));
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(1)
			.retryPolicy(RetryPolicy.builder().customCode(403, true).customCode(500, false).build())
			.build();
		Tracker tracker = tracker(emitter);
		track(tracker, 1); // 403: retried
		assertThat(emitter.stats().pending()).isEqualTo(1);
		emitter.flush(Duration.ofSeconds(5)); // 500: dropped
		assertThat(emitter.stats().dropped(DropReason.REJECTED)).isEqualTo(1);
		assertLedger(emitter.stats(), 1, 0, 1);
	}

	@Test
	void aRedirectIsAFailureAndIsNotFollowed() {
		this.collector.respond(Response.status(302).header("Location", "https://login.example/"));
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(1).build();
		track(tracker(emitter), 1);
		assertThat(this.collector.requests()).singleElement().satisfies((request) -> assertThat(request.status()).isEqualTo(302));
		assertThat(this.listener.failures).singleElement()
			.satisfies((call) -> assertThat(call.failure().statusCode()).isEqualTo(302));
		assertThat(emitter.stats().pending()).isEqualTo(1);
		emitter.flush(Duration.ofSeconds(5));
		assertLedger(emitter.stats(), 1, 1, 0);
	}

	@Test
	void aRefusedConnectionKeepsTheEventsPendingUntilTheCollectorIsBack() {
		this.collector.stop();
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(1).build();
		Tracker tracker = tracker(emitter);
		List<String> ids = track(tracker, 3); // the first fails; the others wait behind its backoff
		assertThat(this.listener.failures).first().satisfies((call) -> {
			assertThat(call.failure().statusCode()).isEqualTo(-1);
			assertThat(call.failure().cause()).isInstanceOf(java.net.ConnectException.class);
			assertThat(call.failure().willRetry()).isTrue();
		});
		assertThat(emitter.stats().pending()).isEqualTo(3);
		this.collector.restart();
		assertThat(emitter.flush(Duration.ofSeconds(5))).isEqualTo(new FlushResult(3, 0, 0));
		assertThat(this.collector.eventIds()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.collector.duplicates()).isZero();
	}

	@Test
	void aTimeoutIsRetriedWithTheSameEventIds() {
		this.collector.respond(Response.status(200).delay(Duration.ofSeconds(3)));
		BatchEmitter emitter = BatchEmitter
			.builder(HttpTransport.builder(this.collector.uri().toString())
				.requestTimeout(Duration.ofMillis(300))
				.build())
			.bufferSize(1)
			.listener(this.listener)
			.build();
		String id = tracker(emitter).track(PageView.builder("https://a.example/").build());
		assertThat(this.listener.failures).singleElement()
			.satisfies((call) -> assertThat(call.failure().cause()).isInstanceOf(java.net.http.HttpTimeoutException.class));
		emitter.flush(Duration.ofSeconds(5));
		assertThat(this.collector.uniqueEventIds()).containsExactly(id);
		assertLedger(emitter.stats(), 1, 1, 0);
	}

	@Test
	void aBatchTooLargeForTheCollectorIsSplitAndASingleTooLargeEventIsDropped() {
		this.collector.rejectBodiesLargerThan(3_000);
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(8).build();
		Tracker tracker = tracker(emitter);
		track(tracker, 7);
		tracker.track(SelfDescribing.builder("iglu:com.acme/big/jsonschema/1-0-0", Map.of("text", "y".repeat(4_000)))
			.build());
		emitter.flush(Duration.ofSeconds(5));
		EmitterStats stats = emitter.stats();
		assertThat(this.collector.uniqueEventIds()).hasSize(7);
		assertThat(stats.dropped(DropReason.OVERSIZED)).isEqualTo(1);
		assertLedger(stats, 8, 7, 1);
		assertThat(this.listener.failures).filteredOn((call) -> !call.failure().willRetry())
			.singleElement()
			.satisfies((call) -> assertThat(call.failure().dropReason()).isEqualTo(DropReason.OVERSIZED));
	}

	@Test
	void anEventLargerThanMaxEventBytesIsDroppedAsOversizedWithoutARequest() {
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(1).maxEventBytes(1_000).build();
		tracker(emitter).track(SelfDescribing.builder("iglu:com.acme/big/jsonschema/1-0-0", Map.of("t", "z".repeat(2_000)))
			.build());
		assertThat(this.collector.requests()).isEmpty();
		assertThat(this.listener.failures).singleElement()
			.satisfies((call) -> assertThat(call.failure().dropReason()).isEqualTo(DropReason.OVERSIZED));
		assertLedger(emitter.stats(), 1, 0, 1);
	}

	@Test
	void aFullBufferDropsTheNewestEventByDefault() {
		this.collector.stop();
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(100).bufferCapacity(3).build();
		List<String> ids = track(tracker(emitter), 5);
		assertThat(emitter.stats().dropped(DropReason.BUFFER_FULL)).isEqualTo(2);
		assertThat(this.listener.failures).extracting((call) -> call.failed().get(0).eventId())
			.containsExactly(ids.get(3), ids.get(4));
		this.collector.restart();
		emitter.flush(Duration.ofSeconds(5));
		assertThat(this.collector.eventIds()).containsExactlyElementsOf(ids.subList(0, 3));
		assertLedger(emitter.stats(), 5, 3, 2);
	}

	@Test
	void dropOldestMakesRoomForTheNewEvent() {
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(100).bufferCapacity(3)
			.overflow(OverflowPolicy.DROP_OLDEST)
			.build();
		List<String> ids = track(tracker(emitter), 5);
		assertThat(this.listener.failures).extracting((call) -> call.failed().get(0).eventId())
			.containsExactly(ids.get(0), ids.get(1));
		emitter.flush(Duration.ofSeconds(5));
		assertThat(this.collector.eventIds()).containsExactlyElementsOf(ids.subList(2, 5));
		assertLedger(emitter.stats(), 5, 3, 2);
	}

	@Test
	void theBufferIsBoundedInBytesToo() {
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(100).bufferMaxBytes(1_500).build();
		track(tracker(emitter), 10);
		EmitterStats stats = emitter.stats();
		assertThat(stats.bufferedBytes()).isLessThanOrEqualTo(1_500);
		assertThat(stats.dropped(DropReason.BUFFER_FULL)).isPositive();
		assertLedger(stats, 10, 0, stats.dropped(DropReason.BUFFER_FULL));
	}

	@Test
	void closeSendsWhatIsBufferedAndLaterEventsAreDroppedAsShutdown() {
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(100).build();
		Tracker tracker = tracker(emitter);
		List<String> ids = track(tracker, 7);
		tracker.close();
		assertThat(this.collector.eventIds()).containsExactlyElementsOf(ids);
		tracker.track(PageView.builder("https://a.example/late").build());
		assertThat(this.listener.failures).singleElement()
			.satisfies((call) -> assertThat(call.failure().dropReason()).isEqualTo(DropReason.SHUTDOWN));
		assertLedger(emitter.stats(), 8, 7, 1);
		emitter.close(); // again: nothing happens
		assertLedger(emitter.stats(), 8, 7, 1);
	}

	@Test
	void closeWithTheCollectorDownReportsEveryEventAsDroppedShutdown() {
		this.collector.stop();
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(100).closeTimeout(Duration.ofSeconds(2)).build();
		List<String> ids = track(tracker(emitter), 6);
		emitter.close();
		EmitterStats stats = emitter.stats();
		assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(6);
		assertLedger(stats, 6, 0, 6);
		List<String> reported = new ArrayList<>();
		this.listener.failures.stream()
			.filter((call) -> call.failure().dropReason() == DropReason.SHUTDOWN)
			.forEach((call) -> call.failed().forEach((payload) -> reported.add(payload.eventId())));
		assertThat(reported).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void aListenerThatThrowsDoesNotStopDelivery() {
		BatchEmitter emitter = emitter(HttpMethod.POST).bufferSize(1).listener(new EmitterListener() {
			@Override
			public void onSuccess(List<Payload> sent) {
				throw new IllegalStateException("listener bug");
			}
		}).build();
		Tracker tracker = tracker(emitter);
		track(tracker, 3);
		assertThat(this.collector.uniqueEventIds()).hasSize(3);
		assertLedger(emitter.stats(), 3, 3, 0);
	}

	private BatchEmitter.Builder emitter(HttpMethod method) {
		return BatchEmitter
			.builder(HttpTransport.builder(this.collector.uri().toString()).method(method).header("X-Api-Key", "secret")
				.build())
			.listener(this.listener);
	}

	private static Tracker tracker(BatchEmitter emitter) {
		return Tracker.builder("test").appId("sync-test").emitter(emitter).build();
	}

	private static List<String> track(Tracker tracker, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(tracker.track(PageView.builder("https://a.example/" + i).build()));
		}
		return ids;
	}

	/** accepted = sent + dropped + pending, with the expected values. */
	private static void assertLedger(EmitterStats stats, long accepted, long sent, long dropped) {
		assertThat(stats.accepted()).as("accepted").isEqualTo(accepted);
		assertThat(stats.sent()).as("sent").isEqualTo(sent);
		assertThat(stats.droppedTotal()).as("dropped").isEqualTo(dropped);
		assertThat(stats.sent() + stats.droppedTotal() + stats.pending()).as("sent + dropped + pending")
			.isEqualTo(stats.accepted());
	}

}
