package io.github.snowplowspring.testcollector;

import static io.github.snowplowspring.testcollector.Snowplow.event;
import static io.github.snowplowspring.testcollector.Snowplow.get;
import static io.github.snowplowspring.testcollector.Snowplow.post;
import static io.github.snowplowspring.testcollector.Snowplow.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection faults: drops, hangs, and the answers that must not hold a worker. */
class LoopbackCollectorFaultTest {

	private final LoopbackCollector collector = LoopbackCollector.builder().workerThreads(1).start();
	private final HttpClient client = Snowplow.client();

	@AfterEach
	void close() {
		collector.close();
	}

	@Test
	void closeConnectionMakesTheClientSendThrowAnIOException() throws Exception {
		collector.respond(Response.closeConnection());

		assertThatThrownBy(() -> send(client, post(collector.uri(), event()))).isInstanceOf(IOException.class);

		RecordedRequest request = collector.awaitRequests(1, Duration.ofSeconds(1)).get(0);
		assertThat(request.status()).isEqualTo(RecordedRequest.NO_RESPONSE);
		assertThat(request.answered()).isFalse();
		assertThat(request.stored()).isFalse();
		assertThat(request.events()).hasSize(1);
		assertThat(collector.events()).isEmpty();
		assertThat(send(client, post(collector.uri(), event())).statusCode()).isEqualTo(200);
	}

	@Test
	void closeConnectionOnAReusedConnectionLetsTheClientRetryAGetOnce() throws Exception {
		// JDK HttpClient behaviour worth knowing: a GET that finds its pooled connection closed
		// before any response byte is re-sent once on a new connection; a POST is not.
		send(client, get(collector.uri(), "e=pv&eid=" + UUID.randomUUID()));
		collector.respond(Response.closeConnection());

		HttpResponse<String> retried = send(client, get(collector.uri(), "e=pv&eid=" + UUID.randomUUID()));

		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(collector.requests()).extracting(RecordedRequest::status)
				.containsExactly(200, RecordedRequest.NO_RESPONSE, 200);
	}

	@Test
	void recordThenHangRecordsTheEventsAndTheClientTimesOut() throws Exception {
		Map<String, String> event = event();
		collector.respond(Response.recordThenHang(Duration.ofSeconds(30)));
		HttpRequest request = HttpRequest.newBuilder(post(collector.uri(), event), (n, v) -> true)
				.timeout(Duration.ofMillis(300))
				.build();

		assertThatThrownBy(() -> send(client, request)).isInstanceOf(HttpTimeoutException.class);

		assertThat(collector.eventIds()).containsExactly(event.get("eid"));
		assertThat(collector.requests().get(0).stored()).isTrue();
		assertThat(collector.requests().get(0).answered()).isFalse();
		send(client, post(collector.uri(), event)); // the retry an at-least-once tracker makes
		assertThat(collector.duplicates()).isEqualTo(1);
	}

	@Test
	void recordThenCloseRecordsTheEventsAndTheClientFails() throws Exception {
		Map<String, String> event = event();
		collector.respond(Response.recordThenClose());

		assertThatThrownBy(() -> send(client, post(collector.uri(), event))).isInstanceOf(IOException.class);

		assertThat(collector.eventIds()).containsExactly(event.get("eid"));
	}

	@Test
	void aHangingConnectionHoldsNoWorker() throws Exception {
		collector.respond(Response.recordThenHang(Duration.ofSeconds(30)));
		CompletableFuture<HttpResponse<String>> hanging =
				client.sendAsync(post(collector.uri(), event()), HttpResponse.BodyHandlers.ofString());
		collector.awaitRequests(1, Duration.ofSeconds(2));

		HttpResponse<String> next = send(Snowplow.client(), post(collector.uri(), event()));

		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(hanging).isNotDone();
		collector.close(); // ends the hang
		assertThat(hanging).failsWithin(Duration.ofSeconds(5));
	}

	@Test
	void delayedAnswersRunSideBySideOnOneWorker() {
		int requests = 6;
		Duration delay = Duration.ofMillis(400);
		collector.setDefaultResponse(Response.ok().delay(delay));

		long start = System.nanoTime();
		List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, requests)
				.mapToObj(i -> client.sendAsync(post(collector.uri(), event()), HttpResponse.BodyHandlers.ofString()))
				.toList();
		sent.forEach(CompletableFuture::join);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(sent).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
		assertThat(took).isLessThan(delay.multipliedBy(requests / 2));
		assertThat(collector.events()).hasSize(requests);
	}

	@Test
	void answersMalformedHttpWith400AndClosesTheConnection() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", collector.port())) {
			OutputStream out = socket.getOutputStream();
			out.write("this is not http\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // ends: server closed

			assertThat(answer).startsWith("HTTP/1.1 400 ").contains("Connection: close");
		}
		assertThat(collector.requests()).isEmpty();
	}

	@Test
	void servesPipelinedAndHttp10KeepAliveRequests() throws Exception {
		String eid1 = UUID.randomUUID().toString();
		String eid2 = UUID.randomUUID().toString();
		try (Socket socket = new Socket("127.0.0.1", collector.port())) {
			String pipelined = "GET /i?e=pv&eid=" + eid1 + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
					+ "GET /i?e=pv&eid=" + eid2 + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
			socket.getOutputStream().write(pipelined.getBytes(StandardCharsets.US_ASCII));
			String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

			assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(3);
			assertThat(answers).contains("Connection: keep-alive").contains("Connection: close");
		}
		assertThat(collector.eventIds()).containsExactly(eid1, eid2);
		assertThat(collector.requests()).extracting(RecordedRequest::connection).containsOnly(
				collector.requests().get(0).connection());
	}
}
