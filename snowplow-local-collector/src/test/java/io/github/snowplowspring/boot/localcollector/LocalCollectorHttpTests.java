package io.github.snowplowspring.boot.localcollector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.iglu.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.snowplowspring.boot.localcollector.Payloads.CHECKOUT_STEP;
import static io.github.snowplowspring.boot.localcollector.Payloads.TIMING;
import static io.github.snowplowspring.boot.localcollector.Payloads.body;
import static io.github.snowplowspring.boot.localcollector.Payloads.pageView;
import static io.github.snowplowspring.boot.localcollector.Payloads.query;
import static io.github.snowplowspring.boot.localcollector.Payloads.selfDescribing;
import static io.github.snowplowspring.boot.localcollector.Payloads.structured;
import static io.github.snowplowspring.boot.localcollector.Payloads.withContext;
import static org.assertj.core.api.Assertions.assertThat;

class LocalCollectorHttpTests {

	private static final long MAX_BODY_BYTES = 64 * 1024;

	private final HttpClient client = HttpClient.newHttpClient();

	private LocalCollector collector;

	@BeforeEach
	void startCollector() {
		this.collector = new LocalCollector(PayloadValidator.create(), null, 0, 1000, MAX_BODY_BYTES);
		this.collector.start();
	}

	@AfterEach
	void closeCollector() {
		this.collector.close();
	}

	@Test
	void aValidGetEventIsHeldAsValid() throws Exception {
		Map<String, String> event = pageView("https://shop.example/basket?item=1");
		HttpResponse<byte[]> response = this.client.send(
				HttpRequest.newBuilder(uri("/i?" + query(event))).build(), BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
		assertThat(this.collector.events()).singleElement().satisfies((held) -> {
			assertThat(held.valid()).isTrue();
			assertThat(held.violations()).isEmpty();
			assertThat(held.request()).isEqualTo("GET /i");
			assertThat(held.type()).isEqualTo("pv");
			assertThat(held.eventId()).isEqualTo(event.get("eid"));
			assertThat(held.parameters()).isEqualTo(event);
		});
	}

	@Test
	void validPostEventsAreHeldAsValidNewestFirstWithDecodedContextsAndEvent() throws Exception {
		Map<String, String> first = withContext(pageView("https://shop.example/"), CHECKOUT_STEP, Map.of("step", 1));
		Map<String, String> second = selfDescribing(TIMING,
				Map.of("category", "checkout", "variable", "load", "timing", 120));
		HttpResponse<String> response = post(body(List.of(first, second)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
		List<CollectedEvent> events = this.collector.events();
		assertThat(events).extracting(CollectedEvent::eventId).containsExactly(second.get("eid"), first.get("eid"));
		assertThat(events).allSatisfy((event) -> assertThat(event.violations()).isEmpty());
		assertThat(events.get(1).contexts()).isNotNull();
		assertThat(events.get(1).contexts().get(0).get("schema").asString()).isEqualTo(CHECKOUT_STEP);
		assertThat(events.get(0).selfDescribingEvent()).isNotNull();
		assertThat(events.get(0).selfDescribingEvent().get("schema").asString()).isEqualTo(TIMING);
		assertThat(events.get(0).selfDescribingEvent().get("data").get("timing").asInt()).isEqualTo(120);
	}

	@Test
	void malformedJsonIsRecordedAsBadWithTheReason() throws Exception {
		assertThat(post("{\"schema\": \"iglu:").statusCode()).isEqualTo(200);
		assertThat(this.collector.events()).singleElement().satisfies((event) -> {
			assertThat(event.valid()).isFalse();
			assertThat(event.type()).isNull();
			assertThat(event.body()).isEqualTo("{\"schema\": \"iglu:");
			assertThat(event.violations()).singleElement()
				.satisfies((violation) -> assertThat(violation.message()).startsWith("body is not JSON"));
		});
	}

	@Test
	void aBodyThatIsNotPayloadDataMakesEveryEventInItBad() throws Exception {
		String body = Payloads.JSON.writeValueAsString(Map.of("schema",
				"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-3", "data",
				List.of(pageView("https://shop.example/"))));
		post(body);
		assertThat(this.collector.events()).singleElement().satisfies((event) -> {
			assertThat(event.valid()).isFalse();
			assertThat(event.type()).isEqualTo("pv");
			assertThat(event.violations()).extracting(Violation::location).contains("schema");
			assertThat(event.violations()).extracting(Violation::message)
				.anySatisfy((message) -> assertThat(message).contains("a POST body must name"));
		});
	}

	@Test
	void aBodyWithoutEventsIsRecordedOnceAsBad() throws Exception {
		post("{\"hello\": \"world\"}");
		assertThat(this.collector.events()).singleElement().satisfies((event) -> {
			assertThat(event.valid()).isFalse();
			assertThat(event.parameters()).isEmpty();
			assertThat(event.body()).isEqualTo("{\"hello\": \"world\"}");
		});
	}

	@Test
	void violationsOfABatchAreAttributedToTheEventTheyAreIn() throws Exception {
		Map<String, String> good = pageView("https://shop.example/");
		Map<String, String> noTiming = selfDescribing(TIMING, Map.of("category", "checkout", "variable", "load"));
		Map<String, String> alsoGood = structured("basket", "add");
		post(body(List.of(good, noTiming, alsoGood)));
		List<CollectedEvent> events = this.collector.events();
		assertThat(events).extracting(CollectedEvent::eventId)
			.containsExactly(alsoGood.get("eid"), noTiming.get("eid"), good.get("eid"));
		assertThat(events.get(0).valid()).isTrue();
		assertThat(events.get(2).valid()).isTrue();
		assertThat(events.get(1).violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.location()).isEqualTo("ue_px.data.data");
			assertThat(violation.message()).contains("timing");
			assertThat(violation.schema()).isEqualTo(TIMING);
		});
	}

	@Test
	void anUnknownSchemaIsBad() throws Exception {
		Map<String, String> event = withContext(pageView("https://shop.example/"), "iglu:com.acme/unknown/jsonschema/1-0-0",
				Map.of("id", 1));
		this.client.send(HttpRequest.newBuilder(uri("/i?" + query(event))).build(), BodyHandlers.discarding());
		assertThat(this.collector.events()).singleElement()
			.satisfies((held) -> assertThat(held.violations()).singleElement().satisfies((violation) -> {
				assertThat(violation.location()).isEqualTo("cx.data[0]");
				assertThat(violation.message()).isEqualTo("no schema for iglu:com.acme/unknown/jsonschema/1-0-0");
			}));
	}

	@Test
	void theApplicationsOwnSchemasOnTheClassPathAreUsed() throws Exception {
		Map<String, String> good = selfDescribing(CHECKOUT_STEP, Map.of("step", 2));
		Map<String, String> bad = selfDescribing(CHECKOUT_STEP, Map.of("step", 0));
		post(body(List.of(good, bad)));
		assertThat(this.collector.events(null, true)).extracting(CollectedEvent::eventId).containsExactly(good.get("eid"));
		assertThat(this.collector.events(null, false)).singleElement()
			.satisfies((event) -> assertThat(event.violations()).singleElement()
				.satisfies((violation) -> assertThat(violation.location()).isEqualTo("ue_px.data.data.step")));
	}

	@Test
	void eventsAreListedAsJsonNewestFirstAndFilteredByTypeAndValidity() throws Exception {
		Map<String, String> goodPageView = pageView("https://shop.example/1");
		Map<String, String> badPageView = pageView("https://shop.example/2");
		badPageView.put("eid", "not-a-uuid");
		Map<String, String> badStructured = structured("basket", "add");
		badStructured.remove("tv");
		post(body(List.of(goodPageView, badPageView, badStructured)));

		JsonNode all = getJson("/events");
		assertThat(all.get("events")).extracting((event) -> event.get("eventId").asString())
			.containsExactly(badStructured.get("eid"), "not-a-uuid", goodPageView.get("eid"));
		JsonNode summary = all.get("summary");
		assertThat(summary.get("total").asInt()).isEqualTo(3);
		assertThat(summary.get("good").asInt()).isEqualTo(1);
		assertThat(summary.get("bad").asInt()).isEqualTo(2);
		assertThat(summary.get("held").asInt()).isEqualTo(3);
		assertThat(summary.get("byType").get("pv").get("good").asInt()).isEqualTo(1);
		assertThat(summary.get("byType").get("pv").get("bad").asInt()).isEqualTo(1);
		assertThat(summary.get("byType").get("se").get("bad").asInt()).isEqualTo(1);

		JsonNode badPageViews = getJson("/events?type=pv&valid=false").get("events");
		assertThat(badPageViews).hasSize(1);
		JsonNode event = badPageViews.get(0);
		assertThat(event.get("type").asString()).isEqualTo("pv");
		assertThat(event.get("eventId").asString()).isEqualTo("not-a-uuid");
		assertThat(event.get("valid").asBoolean()).isFalse();
		assertThat(event.get("request").asString()).isEqualTo("POST /com.snowplowanalytics.snowplow/tp2");
		assertThat(event.get("received").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		assertThat(event.get("violations").get(0).get("location").asString()).isEqualTo("eid");
		assertThat(event.get("violations").get(0).get("message").asString()).contains("not a UUID");
		assertThat(event.get("parameters").get("url").asString()).isEqualTo("https://shop.example/2");
		assertThat(event.has("contexts")).isFalse();

		assertThat(getJson("/events?valid=true").get("events")).extracting((e) -> e.get("eventId").asString())
			.containsExactly(goodPageView.get("eid"));
		assertThat(getJson("/events?type=se").get("events")).hasSize(1);
		assertThat(getJson("/events?type=tr").get("events")).isEmpty();
	}

	@Test
	void anInvalidValidityFilterIsABadRequest() throws Exception {
		assertThat(get("/events?valid=maybe").statusCode()).isEqualTo(400);
		assertThat(get("/?valid=maybe").statusCode()).isEqualTo(400);
	}

	@Test
	void thePageShowsTheEventsNewestFirstAndEscapesWhatTheySent() throws Exception {
		Map<String, String> attack = pageView("https://shop.example/?q=<script>alert('x')</script>");
		this.client.send(HttpRequest.newBuilder(uri("/i?" + query(attack))).build(), BodyHandlers.discarding());
		Map<String, String> noTiming = selfDescribing(TIMING, Map.of("category", "checkout", "variable", "load"));
		post(body(List.of(noTiming)));

		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).startsWith("default-src 'none'"));
		String html = page.body();
		assertThat(html).contains("<title>Snowplow local collector</title>")
			.contains("2 event(s) received, 1 good, 1 bad")
			.contains(attack.get("eid"))
			.contains(noTiming.get("eid"))
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.doesNotContain("<script")
			.contains("<code>ue_px.data.data</code>");
		assertThat(html.indexOf(noTiming.get("eid"))).isLessThan(html.indexOf(attack.get("eid")));
		assertThat(html).contains("href=\"/?type=pv\"").contains("href=\"/?valid=false\"");

		String badOnly = get("/?valid=false").body();
		assertThat(badOnly).contains(noTiming.get("eid")).doesNotContain(attack.get("eid"));
		String pageViewsOnly = get("/?type=pv").body();
		assertThat(pageViewsOnly).contains(attack.get("eid")).doesNotContain(noTiming.get("eid"));
	}

	@Test
	void aBodyAboveTheLimitIsAnswered413AndRecorded() throws Exception {
		byte[] huge = new byte[(int) MAX_BODY_BYTES * 4];
		Arrays.fill(huge, (byte) 'x');
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(uri("/com.snowplowanalytics.snowplow/tp2"))
					.POST(BodyPublishers.ofByteArray(huge))
					.build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(this.collector.events()).singleElement().satisfies((event) -> {
			assertThat(event.valid()).isFalse();
			assertThat(event.violations()).singleElement()
				.satisfies((violation) -> assertThat(violation.message()).contains(huge.length + " bytes")
					.contains("max-body-size"));
		});
		// and it still takes events
		assertThat(post(body(List.of(pageView("https://shop.example/")))).statusCode()).isEqualTo(200);
		assertThat(this.collector.events(null, true)).hasSize(1);
	}

	@Test
	void maxEventsBoundsWhatIsHeldButNotWhatIsCounted() throws Exception {
		this.collector.close();
		this.collector = new LocalCollector(PayloadValidator.create(), null, 0, 3, MAX_BODY_BYTES);
		this.collector.start();
		List<Map<String, String>> sent = List.of(pageView("https://shop.example/1"), pageView("https://shop.example/2"),
				pageView("https://shop.example/3"), pageView("https://shop.example/4"),
				pageView("https://shop.example/5"));
		post(body(sent));
		assertThat(this.collector.events()).extracting(CollectedEvent::eventId)
			.containsExactly(sent.get(4).get("eid"), sent.get(3).get("eid"), sent.get(2).get("eid"));
		assertThat(this.collector.summary().total()).isEqualTo(5);
		assertThat(this.collector.summary().held()).isEqualTo(3);
	}

	@Test
	void eventsCanBeCleared() throws Exception {
		post(body(List.of(pageView("https://shop.example/"))));
		HttpResponse<String> deleted = this.client.send(HttpRequest.newBuilder(uri("/events")).DELETE().build(),
				BodyHandlers.ofString());
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(this.collector.events()).isEmpty();
		assertThat(this.collector.summary().total()).isZero();

		post(body(List.of(pageView("https://shop.example/"))));
		HttpResponse<String> reset = this.client.send(
				HttpRequest.newBuilder(uri("/reset")).POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
		assertThat(reset.statusCode()).isEqualTo(303);
		assertThat(reset.headers().firstValue("Location")).hasValue("/");
		assertThat(this.collector.events()).isEmpty();
	}

	@Test
	void otherPathsAre404AndOtherMethods405() throws Exception {
		assertThat(get("/com.snowplowanalytics.snowplow/tp1").statusCode()).isEqualTo(404);
		assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
		assertThat(get("/com.snowplowanalytics.snowplow/tp2").statusCode()).isEqualTo(405);
		HttpResponse<String> postToGet = this.client.send(
				HttpRequest.newBuilder(uri("/i")).POST(BodyPublishers.ofString("e=pv")).build(), BodyHandlers.ofString());
		assertThat(postToGet.statusCode()).isEqualTo(405);
		assertThat(postToGet.headers().firstValue("Allow")).hasValue("GET");
		assertThat(this.collector.events()).isEmpty();
	}

	@Test
	void whatWasReceivedStaysReadableAfterClose() throws Exception {
		post(body(List.of(pageView("https://shop.example/"))));
		this.collector.close();
		assertThat(this.collector.events()).hasSize(1);
		assertThat(this.collector.summary().good()).isEqualTo(1);
	}

	@Test
	void thePortIsKnownBeforeItStartsAndReleasedWhenItCloses() throws Exception {
		LocalCollector another = new LocalCollector(PayloadValidator.create(), null, 0, 10, MAX_BODY_BYTES);
		assertThat(another.port()).isPositive();
		assertThat(another.uri()).isEqualTo(URI.create("http://127.0.0.1:" + another.port()));
		another.close();
		LocalCollector again = new LocalCollector(PayloadValidator.create(), null, another.port(), 10, MAX_BODY_BYTES);
		again.close();
	}

	@Test
	void itsThreadsAreDaemonsThatNeverKeepTheJvmAlive() throws Exception {
		post(body(List.of(pageView("https://shop.example/"))));
		List<Thread> threads = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("snowplow-local-collector")
					|| thread.getName().equals("HTTP-Dispatcher"))
			.toList();
		assertThat(threads).isNotEmpty().allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
	}

	private HttpResponse<String> post(String body) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri("/com.snowplowanalytics.snowplow/tp2"))
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
	}

	private JsonNode getJson(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return Payloads.JSON.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create(this.collector.uri() + path);
	}

}
