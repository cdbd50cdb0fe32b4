package io.github.snowplowspring.testcollector;

import static io.github.snowplowspring.testcollector.Snowplow.event;
import static io.github.snowplowspring.testcollector.Snowplow.get;
import static io.github.snowplowspring.testcollector.Snowplow.post;
import static io.github.snowplowspring.testcollector.Snowplow.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Connections, concurrency, threads, outages. */
class LoopbackCollectorLifecycleTest {

	@Test
	void reusesAKeptAliveConnection() throws Exception {
		try (LoopbackCollector collector = LoopbackCollector.start()) {
			HttpClient client = Snowplow.client();
			for (int i = 0; i < 5; i++) {
				send(client, i % 2 == 0 ? post(collector.uri(), event()) : get(collector.uri(), "eid=" + UUID.randomUUID()));
			}

			assertThat(collector.requests()).extracting(RecordedRequest::connection).containsOnly(
					collector.requests().get(0).connection());
		}
	}

	@Test
	void recordsEveryEventExactlyOnceUnderConcurrentClients() throws Exception {
		int senders = 8;
		int requestsEach = 150;
		int batch = 4;
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		try (LoopbackCollector collector = LoopbackCollector.builder().workerThreads(2).start()) {
			List<Callable<Set<String>>> tasks = new ArrayList<>();
			for (int s = 0; s < senders; s++) {
				tasks.add(() -> {
					HttpClient client = Snowplow.client();
					Set<String> sent = new HashSet<>();
					for (int r = 0; r < requestsEach; r++) {
						Map<String, String>[] events = eventsOf(batch);
						HttpResponse<String> response = send(client, post(collector.uri(), events));
						assertThat(response.statusCode()).isEqualTo(200);
						sent.addAll(Snowplow.ids(List.of(events)));
					}
					return sent;
				});
			}
			Set<String> sent = new HashSet<>();
			for (Future<Set<String>> done : pool.invokeAll(tasks)) {
				sent.addAll(done.get());
			}

			assertThat(collector.uniqueEventIds()).isEqualTo(sent).hasSize(senders * requestsEach * batch);
			assertThat(collector.stats()).isEqualTo(new CollectorStats(senders * requestsEach, sent.size(), sent.size(),
					Map.of(200, (long) senders * requestsEach)));
			assertThat(collector.duplicates()).isZero();
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void closeLeavesNoCollectorThreadAlive() throws Exception {
		LoopbackCollector collector = LoopbackCollector.start();
		String prefix = "loopback-collector-" + collector.port() + "-";
		HttpClient client = Snowplow.client();
		collector.respond(Response.ok().delay(Duration.ofMillis(50)), Response.recordThenHang(Duration.ofMinutes(5)));
		send(client, post(collector.uri(), event()));
		client.sendAsync(post(collector.uri(), event()), HttpResponse.BodyHandlers.ofString());
		collector.awaitRequests(2, Duration.ofSeconds(2));
		assertThat(collectorThreads(prefix)).isNotEmpty().allMatch(Thread::isDaemon);

		collector.close();
		collector.close();

		assertThat(collectorThreads(prefix)).isEmpty();
		assertThat(collector.isRunning()).isFalse();
		assertThatThrownBy(collector::restart).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void stopRefusesConnectionsAndRestartComesBackOnTheSamePort() throws Exception {
		try (LoopbackCollector collector = LoopbackCollector.start()) {
			HttpClient client = Snowplow.client();
			Map<String, String> before = event();
			send(client, post(collector.uri(), before));
			int port = collector.port();

			collector.stop();

			assertThat(collector.isRunning()).isFalse();
			assertThatThrownBy(() -> send(client, post(collector.uri(), event()))).hasCauseInstanceOf(ConnectException.class);

			collector.restart();
			Map<String, String> after = event();
			HttpResponse<String> response = send(client, post(collector.uri(), after));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(collector.port()).isEqualTo(port);
			assertThat(collector.eventIds()).containsExactly(before.get("eid"), after.get("eid"));
		}
	}

	@Test
	void reportsItsAddressAndCounts() {
		try (LoopbackCollector collector = LoopbackCollector.start()) {
			assertThat(collector.port()).isPositive();
			assertThat(collector.uri().toString()).isEqualTo("http://127.0.0.1:" + collector.port());
			assertThat(collector).hasToString("LoopbackCollector[" + collector.uri()
					+ ", received=0 unique=0 duplicates=0 requests=0 byStatus={}]");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String>[] eventsOf(int n) {
		Map<String, String>[] events = new Map[n];
		for (int i = 0; i < n; i++) {
			events[i] = event();
		}
		return events;
	}

	private static List<Thread> collectorThreads(String prefix) {
		return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
	}
}
