package io.github.snowplowspring.test.junit;

import java.time.Duration;
import java.util.List;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.RecordedRequest;
import io.github.snowplowspring.testcollector.Response;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.FlushResult;
import io.github.snowplowspring.tracker.emitter.RetryPolicy;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.http.HttpMethod;
import io.github.snowplowspring.tracker.http.HttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.snowplowspring.test.assertj.SnowplowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeCollectorExtensionTests {

	@RegisterExtension
	static final FakeCollectorExtension collector = new FakeCollectorExtension();

	private static int firstPort;

	private BatchEmitter emitter;

	@AfterEach
	void closeEmitter() {
		if (this.emitter != null) {
			this.emitter.close();
		}
	}

	@Test
	@Order(1)
	void aStatusSequenceIsAnsweredInOrderThenTheDefault200() {
		firstPort = collector.uri().getPort();
		collector.respondWithStatuses(503, 500);
		Tracker tracker = tracker(HttpMethod.POST, 1);
		String id = tracker.track(PageView.builder("https://shop.example/").build());
		assertThat(this.emitter.flush(Duration.ofSeconds(10))).isEqualTo(new FlushResult(1, 0, 0));
		assertThat(statuses()).containsExactly(503, 500, 200);
		assertThat(collector).hasPageView("https://shop.example/").withEventId(id).once();
		// Scripted answers that nothing consumed stay for the rest of this test only.
		collector.respondWithStatuses(503);
	}

	@Test
	@Order(2)
	void everyTestStartsWithNoRecordsAndNoScriptOnTheSameCollector() {
		assertThat(collector.uri().getPort()).isEqualTo(firstPort);
		assertThat(collector.collector().requests()).isEmpty();
		assertThat(collector).hasNoEvents();
		Tracker tracker = tracker(HttpMethod.GET, 1);
		tracker.track(PageView.builder("https://shop.example/").build());
		assertThat(this.emitter.flush(Duration.ofSeconds(10)).sent()).isEqualTo(1);
		assertThat(statuses()).containsExactly(200);
	}

	@Test
	@Order(3)
	void aSlowAnswerBeyondTheRequestTimeoutIsRetriedSoTheEventArrivesTwice() {
		collector.respond(Response.ok().delay(Duration.ofMillis(800)));
		Tracker tracker = tracker(HttpMethod.POST, 1, Duration.ofMillis(200));
		String id = tracker.track(Structured.builder("checkout", "complete").build());
		assertThat(this.emitter.flush(Duration.ofSeconds(10)).sent()).isEqualTo(1);
		collector.collector().awaitEvents(2, Duration.ofSeconds(5));
		assertThat(collector.collector().receivedCount(id)).isEqualTo(2);
		assertThat(collector).hasStructuredEvent("checkout", "complete").times(2);
	}

	@Test
	@Order(4)
	void aClosedConnectionIsRetried() {
		collector.respond(Response.closeConnection());
		Tracker tracker = tracker(HttpMethod.POST, 1);
		tracker.track(PageView.builder("https://shop.example/").build());
		assertThat(this.emitter.flush(Duration.ofSeconds(10)).sent()).isEqualTo(1);
		assertThat(statuses()).containsExactly(RecordedRequest.NO_RESPONSE, 200);
		assertThat(collector.events()).hasSize(1);
	}

	@Test
	@Order(5)
	void bodiesAboveTheLimitGet413AndTheBatchIsSplit() {
		collector.rejectBodiesLargerThan(1500);
		Tracker tracker = tracker(HttpMethod.POST, 4);
		for (int i = 0; i < 4; i++) {
			tracker.track(PageView.builder("https://shop.example/" + i + "/" + "x".repeat(300)).build());
		}
		assertThat(this.emitter.flush(Duration.ofSeconds(10)).sent()).isEqualTo(4);
		assertThat(statuses()).startsWith(413).contains(200).doesNotContain(503);
		assertThat(collector.awaitEvents(4, Duration.ofSeconds(5))).hasSize(4);
	}

	@Test
	@Order(6)
	void theCollectorIsInjectedIntoTestMethods(LoopbackCollector injected) {
		// Not SnowplowAssertions.assertThat(LoopbackCollector), which asserts on the events received.
		org.assertj.core.api.Assertions.assertThat((Object) injected).isSameAs(collector.collector());
		assertThat(collector.endpoint()).isEqualTo("http://127.0.0.1:" + injected.port());
	}

	private Tracker tracker(HttpMethod method, int bufferSize) {
		return tracker(method, bufferSize, Duration.ofSeconds(5));
	}

	private Tracker tracker(HttpMethod method, int bufferSize, Duration requestTimeout) {
		this.emitter = BatchEmitter
			.builder(HttpTransport.builder(collector.endpoint()).method(method).requestTimeout(requestTimeout).build())
			.async()
			.bufferSize(bufferSize)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(50)).build())
			.build();
		return Tracker.builder("shop").emitter(this.emitter).build();
	}

	private static List<Integer> statuses() {
		return collector.collector().requests().stream().map(RecordedRequest::status).toList();
	}

}
