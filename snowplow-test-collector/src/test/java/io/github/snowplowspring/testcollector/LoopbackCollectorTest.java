package io.github.snowplowspring.testcollector;

import static io.github.snowplowspring.testcollector.Snowplow.event;
import static io.github.snowplowspring.testcollector.Snowplow.get;
import static io.github.snowplowspring.testcollector.Snowplow.post;
import static io.github.snowplowspring.testcollector.Snowplow.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recording and scripted answers, driven by the JDK HttpClient. */
class LoopbackCollectorTest {

	private final LoopbackCollector collector = LoopbackCollector.start();
	private final HttpClient client = Snowplow.client();

	@AfterEach
	void close() {
		collector.close();
	}

	@Test
	void decodesGetQueryParametersWithPercent20AndPlusAsSpaces() throws Exception {
		String eid = UUID.randomUUID().toString();

		HttpResponse<String> response = send(client, get(collector.uri(), "e=pv&eid=" + eid + "&url=a%20b+c&emoji=%F0%9F%98%80&empty="));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(collector.events()).containsExactly(
				Map.of("e", "pv", "eid", eid, "url", "a b c", "emoji", "\uD83D\uDE00", "empty", ""));
		RecordedRequest request = collector.requests().get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/i");
		assertThat(request.rawQuery()).contains("url=a%20b+c");
		assertThat(request.status()).isEqualTo(200);
		assertThat(request.stored()).isTrue();
	}

	@Test
	void recordsEventsOfAPostBodyUnderTheirIds() throws Exception {
		Map<String, String> first = event();
		Map<String, String> second = event();
		Map<String, String> third = event();

		HttpResponse<String> response = send(client, post(collector.uri(), first, second, third));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(collector.events()).containsExactly(first, second, third);
		assertThat(collector.eventIds()).containsExactly(first.get("eid"), second.get("eid"), third.get("eid"));
		assertThat(collector.receivedCount(second.get("eid"))).isEqualTo(1);
		assertThat(collector.receivedCount(UUID.randomUUID().toString())).isZero();
		RecordedRequest request = collector.requests().get(0);
		assertThat(request.path()).isEqualTo(Snowplow.POST_PATH);
		assertThat(request.header("content-type")).isEqualTo("application/json; charset=utf-8");
		assertThat(request.bodyAsString()).isEqualTo(Snowplow.payload(first, second, third));
		assertThat(request.events()).hasSize(3);
		assertThat(request.receivedAt()).isNotNull();
	}

	@Test
	void countsARepeatedEventIdAsADuplicate() throws Exception {
		Map<String, String> event = event();

		send(client, post(collector.uri(), event));
		send(client, post(collector.uri(), event, event()));

		assertThat(collector.receivedCount(event.get("eid"))).isEqualTo(2);
		assertThat(collector.uniqueEventIds()).hasSize(2).first().isEqualTo(event.get("eid"));
		assertThat(collector.duplicates()).isEqualTo(1);
		assertThat(collector.stats()).isEqualTo(new CollectorStats(2, 3, 2, Map.of(200, 2L)));
	}

	@Test
	void answersScriptedStatusesInOrderThenTheDefault() throws Exception {
		collector.respond(Response.status(500), Response.status(503));
		collector.respond(Response.status(204));

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			statuses.add(send(client, post(collector.uri(), event())).statusCode());
		}

		assertThat(statuses).containsExactly(500, 503, 204, 200, 200);
		assertThat(collector.requests()).extracting(RecordedRequest::status).containsExactly(500, 503, 204, 200, 200);
	}

	@Test
	void storesEventsOnlyWhenTheAnswerIs2xx() throws Exception {
		Map<String, String> event = event();
		collector.respond(Response.status(503), Response.status(400), Response.status(302).header("Location", "/login"));

		for (int i = 0; i < 4; i++) {
			send(client, post(collector.uri(), event));
		}

		assertThat(collector.requests()).extracting(RecordedRequest::stored).containsExactly(false, false, false, true);
		assertThat(collector.requests()).allSatisfy(r -> assertThat(r.events()).containsExactly(event));
		assertThat(collector.eventIds()).containsExactly(event.get("eid"));
		assertThat(collector.duplicates()).isZero();
	}

	@Test
	void passesRetryAfterHeadersThrough() throws Exception {
		String httpDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
		collector.respond(Response.status(429).header("Retry-After", "7"), Response.status(503).header("Retry-After", httpDate));

		HttpResponse<String> seconds = send(client, post(collector.uri(), event()));
		HttpResponse<String> date = send(client, post(collector.uri(), event()));

		assertThat(seconds.statusCode()).isEqualTo(429);
		assertThat(seconds.headers().firstValue("Retry-After")).contains("7");
		assertThat(date.statusCode()).isEqualTo(503);
		assertThat(date.headers().firstValue("Retry-After")).contains(httpDate);
	}

	@Test
	void answersA200WithAnHtmlBodyAndA302ThatTheClientDoesNotFollow() throws Exception {
		collector.respond(
				Response.ok().header("Content-Type", "text/html").body("<html><body>Please log in</body></html>"),
				Response.status(302).header("Location", "https://login.example.com/"));

		HttpResponse<String> html = send(client, post(collector.uri(), event()));
		HttpResponse<String> redirect = send(client, post(collector.uri(), event()));

		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.headers().firstValue("Content-Type")).contains("text/html");
		assertThat(html.body()).contains("Please log in");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).contains("https://login.example.com/");
		assertThat(collector.requests()).hasSize(2);
	}

	@Test
	void delaysTheAnswer() throws Exception {
		collector.respond(Response.ok().delay(Duration.ofMillis(300)));

		long start = System.nanoTime();
		HttpResponse<String> response = send(client, post(collector.uri(), event()));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(collector.events()).hasSize(1);
	}

	@Test
	void letsAScriptDecideFromTheRequest() throws Exception {
		collector.respond(request -> request.events().size() > 2 ? Response.status(413) : null);
		collector.setDefaultResponse(Response.status(202));

		int big = send(client, post(collector.uri(), event(), event(), event())).statusCode();
		int small = send(client, post(collector.uri(), event(), event())).statusCode();

		assertThat(big).isEqualTo(413);
		assertThat(small).isEqualTo(202);
		assertThat(collector.events()).hasSize(2);
	}

	@Test
	void answers500WhenTheScriptThrows() throws Exception {
		collector.respond(request -> {
			throw new IllegalStateException("broken script");
		});

		HttpResponse<String> response = send(client, post(collector.uri(), event()));

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("broken script");
	}

	@Test
	void rejectsBodiesLargerThanTheLimitWith413WithoutConsumingTheScript() throws Exception {
		Map<String, String> small = event();
		int limit = Snowplow.payload(small, event()).length();
		collector.rejectBodiesLargerThan(limit);
		collector.respond(Response.status(503));

		int tooLarge = send(client, post(collector.uri(), event(), event(), event())).statusCode();
		int scripted = send(client, post(collector.uri(), event(), event())).statusCode();
		int accepted = send(client, post(collector.uri(), small)).statusCode();

		assertThat(List.of(tooLarge, scripted, accepted)).containsExactly(413, 503, 200);
		assertThat(collector.requests().get(0).events()).hasSize(3);
		assertThat(collector.eventIds()).containsExactly(small.get("eid"));
	}

	@Test
	void answers404ForUnknownPathsAnd405ForTheWrongMethod() throws Exception {
		URI base = collector.uri();
		HttpResponse<String> unknown = send(client, HttpRequest.newBuilder(URI.create(base + "/nope")).build());
		HttpResponse<String> wrongVendor = send(client, post(URI.create(base + "/x"), event()));
		HttpResponse<String> getOnPost = send(client, HttpRequest.newBuilder(URI.create(base + Snowplow.POST_PATH)).build());

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(wrongVendor.statusCode()).isEqualTo(404);
		assertThat(getOnPost.statusCode()).isEqualTo(405);
		assertThat(getOnPost.headers().firstValue("Allow")).contains("POST");
		assertThat(collector.requests()).extracting(RecordedRequest::status).containsExactly(404, 404, 405);
		assertThat(collector.events()).isEmpty();
	}

	@Test
	void answers400ToWhatAPipelineWouldRejectWithoutConsumingTheScript() throws Exception {
		collector.respond(Response.status(503));
		String numberValue = "{\"schema\":\"" + Snowplow.PAYLOAD_DATA + "\",\"data\":[{\"eid\":\"" + UUID.randomUUID()
				+ "\",\"dtm\":1700000000000}]}";

		assertThat(send(client, post(collector.uri(), "not json")).body()).contains("not JSON");
		assertThat(send(client, post(collector.uri(), numberValue)).body()).contains("dtm is a NUMBER, not a string");
		assertThat(send(client, post(collector.uri(), Snowplow.payload(Map.of("e", "pv")))).body()).contains("eid must be a UUID");
		assertThat(send(client, post(collector.uri(), "{\"schema\":\"iglu:x/y/jsonschema/1-0-0\",\"data\":[]}")).body())
				.contains("schema must be");
		assertThat(send(client, get(collector.uri(), "e=pv&eid=42")).body()).contains("'42'");

		assertThat(collector.requests()).extracting(RecordedRequest::status).containsOnly(400).hasSize(5);
		assertThat(send(client, post(collector.uri(), event())).statusCode()).isEqualTo(503);
	}

	@Test
	void decodesGzipAndChunkedBodies() throws Exception {
		Map<String, String> zipped = event();
		Map<String, String> chunked = event();
		HttpRequest gzip = HttpRequest.newBuilder(URI.create(collector.uri() + Snowplow.POST_PATH))
				.header("Content-Encoding", "gzip")
				.POST(HttpRequest.BodyPublishers.ofByteArray(gzip(Snowplow.payload(zipped))))
				.build();
		byte[] plain = Snowplow.payload(chunked).getBytes(StandardCharsets.UTF_8);
		HttpRequest unknownLength = HttpRequest.newBuilder(URI.create(collector.uri() + Snowplow.POST_PATH))
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(plain)))
				.build();

		assertThat(send(client, gzip).statusCode()).isEqualTo(200);
		assertThat(send(client, unknownLength).statusCode()).isEqualTo(200);

		assertThat(collector.events()).containsExactly(zipped, chunked);
		assertThat(collector.requests().get(0).bodyAsString()).isEqualTo(Snowplow.payload(zipped));
		assertThat(collector.requests().get(1).header("Transfer-Encoding")).isEqualTo("chunked");
	}

	@Test
	void servesBothEndpointsUnderTheBasePath() throws Exception {
		try (LoopbackCollector based = LoopbackCollector.builder().basePath("/collector/").start()) {
			assertThat(based.uri()).isEqualTo(URI.create("http://127.0.0.1:" + based.port() + "/collector"));

			int postStatus = send(client, post(based.uri(), event())).statusCode();
			int getStatus = send(client, get(based.uri(), "e=pv&eid=" + UUID.randomUUID())).statusCode();
			int rootStatus = send(client, post(URI.create("http://127.0.0.1:" + based.port()), event())).statusCode();

			assertThat(List.of(postStatus, getStatus, rootStatus)).containsExactly(200, 200, 404);
			assertThat(based.events()).hasSize(2);
		}
	}

	@Test
	void awaitEventsWaitsForEventsThatArriveLater() throws Exception {
		collector.respond(Response.ok().delay(Duration.ofMillis(200)));
		CompletableFuture<HttpResponse<String>> sent =
				client.sendAsync(post(collector.uri(), event(), event()), HttpResponse.BodyHandlers.ofString());

		assertThat(collector.awaitEvents(2, Duration.ofSeconds(5))).hasSize(2);
		assertThat(collector.awaitUniqueEvents(2, Duration.ofSeconds(5))).hasSize(2);
		assertThat(collector.awaitRequests(1, Duration.ofSeconds(5))).hasSize(1);
		assertThat(sent.get().statusCode()).isEqualTo(200);
	}

	@Test
	void awaitFailsWithAMessageNamingHowManyArrived() throws Exception {
		collector.respond(Response.status(503));
		send(client, post(collector.uri(), event()));
		send(client, post(collector.uri(), event()));

		assertThatThrownBy(() -> collector.awaitEvents(3, Duration.ofMillis(50)))
				.isInstanceOf(AssertionError.class)
				.hasMessageContaining("Expected at least 3 received events within 50 ms, but 1 arrived")
				.hasMessageContaining("byStatus={200=1, 503=1}");
		assertThatThrownBy(() -> collector.awaitRequests(3, Duration.ZERO))
				.hasMessageContaining("Expected at least 3 requests within 0 ms, but 2 arrived");
	}

	@Test
	void resetClearsTheRecordsAndTheScript() throws Exception {
		collector.respond(Response.status(500), Response.status(500));
		collector.rejectBodiesLargerThan(1);
		send(client, post(collector.uri(), event()));

		collector.reset();

		assertThat(collector.requests()).isEmpty();
		assertThat(collector.stats()).isEqualTo(new CollectorStats(0, 0, 0, Map.of()));
		assertThat(send(client, post(collector.uri(), event())).statusCode()).isEqualTo(200);
	}

	@Test
	void keepsOnlyCountsWhenToldNotToRetainRequests() throws Exception {
		try (LoopbackCollector counting = LoopbackCollector.builder().retainRequests(false).start()) {
			Map<String, String> event = event();
			send(client, post(counting.uri(), event, event()));

			assertThat(counting.requests()).isEmpty();
			assertThat(counting.events()).isEmpty();
			assertThat(counting.receivedCount(event.get("eid"))).isEqualTo(1);
			assertThat(counting.stats().requestsByStatus()).containsExactly(entry(200, 1L));
			assertThat(counting.awaitUniqueEvents(2, Duration.ofSeconds(1))).contains(event.get("eid"));
		}
	}

	@Test
	void validatesScriptedResponsesWhereTheyAreWritten() {
		assertThatThrownBy(() -> Response.status(199)).hasMessageContaining("200..599");
		assertThatThrownBy(() -> Response.ok().header("Content-Length", "3")).hasMessageContaining("set by the collector");
		assertThatThrownBy(() -> Response.ok().header("X-Bad", "a\r\nb")).hasMessageContaining("control character");
		assertThatThrownBy(() -> Response.closeConnection().body("x")).hasMessageContaining("sends no answer");
		assertThatThrownBy(() -> Response.ok().delay(Duration.ofMillis(-1))).hasMessageContaining("must not be negative");
		assertThatThrownBy(() -> LoopbackCollector.builder().basePath("collector")).hasMessageContaining("basePath");
	}

	private static byte[] gzip(String text) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}
}
