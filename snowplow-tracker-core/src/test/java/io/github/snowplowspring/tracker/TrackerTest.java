package io.github.snowplowspring.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.github.snowplowspring.tracker.emitter.FlushResult;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.PagePing;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;
import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class TrackerTest {

	private static final Pattern UUID_V4 = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

	private static final Instant NOW = Instant.parse("2026-12-04T10:00:00.123Z");

	private final CapturingEmitter emitter = new CapturingEmitter();

	private final Tracker tracker = Tracker.builder("shop")
		.appId("shop-web")
		.clock(Clock.fixed(NOW, ZoneOffset.UTC))
		.emitter(this.emitter)
		.build();

	@Test
	void pageViewCarriesTheCommonParametersAsStrings() {
		String eventId = this.tracker.track(PageView.builder("https://shop.example/cart")
			.title("Cart")
			.referrer("https://shop.example/")
			.build());
		Payload payload = this.emitter.only();
		assertThat(payload.eventId()).isEqualTo(eventId).matches(UUID_V4);
		assertThat(payload.toMap()).containsOnly(entry("e", "pv"), entry("eid", eventId),
				entry("dtm", Long.toString(NOW.toEpochMilli())), entry("tv", Tracker.VERSION), entry("tna", "shop"),
				entry("aid", "shop-web"), entry("p", "srv"), entry("url", "https://shop.example/cart"),
				entry("page", "Cart"), entry("refr", "https://shop.example/"));
		assertThat(Tracker.VERSION).matches("spring-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
	}

	@Test
	void leavesOutWhatIsNotSet() {
		Tracker bare = Tracker.builder("ns").emitter(this.emitter).build();
		bare.track(PageView.builder("https://a.example/").build());
		assertThat(this.emitter.only().toMap()).containsOnlyKeys("e", "eid", "dtm", "tv", "tna", "p", "url");
	}

	@Test
	void pagePingCarriesScrollOffsets() {
		this.tracker.track(PagePing.builder("https://a.example/").title("A").xOffsets(0, 120).yOffsets(10, 900).build());
		assertThat(this.emitter.only().toMap()).contains(entry("e", "pp"), entry("url", "https://a.example/"),
				entry("page", "A"), entry("pp_mix", "0"), entry("pp_max", "120"), entry("pp_miy", "10"),
				entry("pp_may", "900"));
	}

	@Test
	void structuredEventWritesItsValueInPlainNotation() {
		this.tracker.track(Structured.builder("shop", "add-to-basket")
			.label("sku-1")
			.property("red")
			.value(1.0E7)
			.build());
		assertThat(this.emitter.only().toMap()).contains(entry("e", "se"), entry("se_ca", "shop"),
				entry("se_ac", "add-to-basket"), entry("se_la", "sku-1"), entry("se_pr", "red"),
				entry("se_va", "10000000"));
	}

	@Test
	void selfDescribingEventIsWrappedInTheUnstructEventEnvelopeWithUrlSafeBase64() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("targetUrl", "https://a.example/?q=~~~>>>");
		data.put("elementId", null);
		this.tracker.track(SelfDescribing.builder("iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1", data)
			.build());
		Payload payload = this.emitter.only();
		assertThat(payload.get("e")).isEqualTo("ue");
		assertThat(payload.get("ue_pr")).isNull();
		assertThat(payload.get("ue_px")).doesNotContain("+", "/");
		assertThat(decode(payload.get("ue_px"))).isEqualTo(
				"{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\",\"data\":"
						+ "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1\",\"data\":"
						+ "{\"targetUrl\":\"https://a.example/?q=~~~>>>\"}}}");
	}

	@Test
	void base64OffSendsPlainJsonInUePrAndCo() {
		Tracker plain = Tracker.builder("ns").base64(false).emitter(this.emitter).build();
		plain.track(SelfDescribing.builder("iglu:com.acme/thing/jsonschema/1-0-0", Map.of("a", 1))
			.context(SelfDescribingJson.of("iglu:com.acme/ctx/jsonschema/1-0-0", Map.of("b", "x")))
			.build());
		Payload payload = this.emitter.only();
		assertThat(payload.toMap()).doesNotContainKeys("ue_px", "cx");
		assertThat(payload.get("ue_pr")).isEqualTo("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/"
				+ "jsonschema/1-0-0\",\"data\":{\"schema\":\"iglu:com.acme/thing/jsonschema/1-0-0\",\"data\":{\"a\":1}}}");
		assertThat(payload.get("co")).isEqualTo("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/"
				+ "jsonschema/1-0-1\",\"data\":[{\"schema\":\"iglu:com.acme/ctx/jsonschema/1-0-0\",\"data\":{\"b\":\"x\"}}]}");
	}

	@Test
	void contextsAreSentInTheContextsEnvelope() {
		record Product(String sku, int stock) {
		}
		this.tracker.track(PageView.builder("https://a.example/")
			.context(SelfDescribingJson.of("iglu:com.acme/product/jsonschema/1-0-0", new Product("p1", 3)),
					SelfDescribingJson.of("iglu:com.acme/user/jsonschema/1-0-0", Map.of("id", "u1")))
			.build());
		assertThat(decode(this.emitter.only().get("cx"))).isEqualTo(
				"{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\",\"data\":["
						+ "{\"schema\":\"iglu:com.acme/product/jsonschema/1-0-0\",\"data\":{\"sku\":\"p1\",\"stock\":3}},"
						+ "{\"schema\":\"iglu:com.acme/user/jsonschema/1-0-0\",\"data\":{\"id\":\"u1\"}}]}");
	}

	@Test
	void javaTimeValuesAreWrittenAsIsoStrings() {
		this.tracker.track(SelfDescribing.builder("iglu:com.acme/thing/jsonschema/1-0-0", Map.of("at", NOW)).build());
		assertThat(decode(this.emitter.only().get("ue_px"))).contains("{\"at\":\"2026-12-04T10:00:00.123Z\"}");
	}

	@Test
	void screenViewUsesTheMobileSchemaAndGeneratesItsId() {
		this.tracker.track(ScreenView.builder("home").type("feed").build());
		String json = decode(this.emitter.only().get("ue_px"));
		assertThat(json).contains("\"schema\":\"iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0\"")
			.contains("\"name\":\"home\"")
			.contains("\"type\":\"feed\"")
			.doesNotContain("previousName");
		assertThat(json).containsPattern("\"id\":\"" + UUID_V4.pattern() + "\"");
	}

	@Test
	void timingWithoutLabelLeavesTheLabelOut() {
		this.tracker.track(Timing.builder("checkout", "payment", Duration.ofMillis(350)).build());
		assertThat(decode(this.emitter.only().get("ue_px"))).endsWith(
				"{\"schema\":\"iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0\",\"data\":"
						+ "{\"category\":\"checkout\",\"variable\":\"payment\",\"timing\":350}}}");
	}

	@Test
	void transactionSendsOneEventPerItemCarryingOrderIdCurrencyAndTimestamp() {
		Instant trueTime = Instant.parse("2026-12-01T00:00:00Z");
		String eventId = this.tracker.track(EcommerceTransaction.builder("order-1", 30.5)
			.currency("EUR")
			.taxValue(5.0)
			.shipping(2.5)
			.affiliation("web")
			.city("Lyon")
			.country("FR")
			.trueTimestamp(trueTime)
			.items(EcommerceTransactionItem.of("sku-1", 10, 2, "Mug", "kitchen"), EcommerceTransactionItem.of("sku-2", 8, 1))
			.build());
		List<Payload> payloads = this.emitter.payloads;
		assertThat(payloads).hasSize(3);
		assertThat(payloads.get(0).eventId()).isEqualTo(eventId);
		assertThat(payloads.get(0).toMap()).contains(entry("e", "tr"), entry("tr_id", "order-1"), entry("tr_tt", "30.5"),
				entry("tr_tx", "5"), entry("tr_sh", "2.5"), entry("tr_af", "web"), entry("tr_ci", "Lyon"),
				entry("tr_co", "FR"), entry("tr_cu", "EUR"), entry("ttm", Long.toString(trueTime.toEpochMilli())));
		assertThat(payloads.get(1).toMap()).contains(entry("e", "ti"), entry("ti_id", "order-1"), entry("ti_sk", "sku-1"),
				entry("ti_nm", "Mug"), entry("ti_ca", "kitchen"), entry("ti_pr", "10"), entry("ti_qu", "2"),
				entry("ti_cu", "EUR"), entry("ttm", Long.toString(trueTime.toEpochMilli())));
		assertThat(payloads.get(2).toMap()).contains(entry("e", "ti"), entry("ti_sk", "sku-2"), entry("ti_qu", "1"));
		Set<String> ids = new HashSet<>();
		payloads.forEach((payload) -> ids.add(payload.eventId()));
		assertThat(ids).hasSize(3);
	}

	@Test
	void eventSubjectIsMergedOverTheTrackerSubject() {
		Subject defaults = Subject.builder()
			.userId("default-user")
			.timezone("Europe/Paris")
			.language("fr")
			.screenResolution(1920, 1080)
			.build();
		Tracker withSubject = Tracker.builder("ns").subject(defaults).emitter(this.emitter).build();
		withSubject.track(PageView.builder("https://a.example/")
			.subject(Subject.builder()
				.userId("u-42")
				.ipAddress("203.0.113.9")
				.userAgent("Mozilla/5.0")
				.domainUserId("d-1")
				.networkUserId("n-1")
				.sessionId(UUID.randomUUID().toString())
				.sessionIndex(3)
				.viewport(800, 600)
				.colorDepth(24)
				.build())
			.build());
		assertThat(this.emitter.only().toMap()).contains(entry("uid", "u-42"), entry("tz", "Europe/Paris"),
				entry("lang", "fr"), entry("res", "1920x1080"), entry("vp", "800x600"), entry("cd", "24"),
				entry("ip", "203.0.113.9"), entry("ua", "Mozilla/5.0"), entry("duid", "d-1"), entry("tnuid", "n-1"),
				entry("vid", "3"));
	}

	@Test
	void trueTimestampIsSentAsTtm() {
		Instant when = Instant.parse("2026-01-01T00:00:00.001Z");
		this.tracker.track(PageView.builder("https://a.example/").trueTimestamp(when).build());
		assertThat(this.emitter.only().get("ttm")).isEqualTo("1767225600001");
	}

	@Test
	void everyEmitterGetsEveryEventAndLateEmittersGetLaterOnes() {
		CapturingEmitter second = new CapturingEmitter();
		Tracker two = Tracker.builder("ns").emitter(this.emitter, second).build();
		two.track(PageView.builder("https://a.example/1").build());
		CapturingEmitter third = new CapturingEmitter();
		two.addEmitter(third);
		two.track(PageView.builder("https://a.example/2").build());
		assertThat(this.emitter.payloads).hasSize(2);
		assertThat(second.payloads).isEqualTo(this.emitter.payloads);
		assertThat(third.payloads).hasSize(1);
	}

	@Test
	void anEmitterThatThrowsDoesNotStopTheOthersNorReachTheCaller() {
		Tracker two = Tracker.builder("ns").emitter((payload) -> {
			throw new IllegalStateException("boom");
		}, this.emitter).build();
		two.track(PageView.builder("https://a.example/").build());
		assertThat(this.emitter.payloads).hasSize(1);
	}

	@Test
	void flushOfCustomEmittersReturnsAnEmptyResult() {
		assertThat(this.tracker.flush(Duration.ofSeconds(1))).isEqualTo(FlushResult.EMPTY);
	}

	@Test
	void eventIdsAreDistinctVersion4Uuids() {
		for (int i = 0; i < 10_000; i++) {
			this.tracker.track(PageView.builder("https://a.example/").build());
		}
		Set<String> ids = new HashSet<>();
		this.emitter.payloads.forEach((payload) -> {
			assertThat(payload.eventId()).matches(UUID_V4);
			ids.add(payload.eventId());
		});
		assertThat(ids).hasSize(10_000);
	}

	@Test
	void dataThatCannotBeSerializedIsRejectedAtTheCallSiteNamingTheFieldAndNothingIsSent() {
		Object unserializable = new Object() {
			public Object getSelf() {
				return this;
			}
		};
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tracker.track(PageView.builder("https://a.example/")
				.context(SelfDescribingJson.of("iglu:com.acme/ok/jsonschema/1-0-0", Map.of("a", 1)),
						SelfDescribingJson.of("iglu:com.acme/loop/jsonschema/1-0-0", unserializable))
				.build()))
			.withMessageContaining("context entity 1 (iglu:com.acme/loop/jsonschema/1-0-0)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tracker
				.track(SelfDescribing.builder("iglu:com.acme/loop/jsonschema/1-0-0", unserializable).build()))
			.withMessageContaining("self-describing event iglu:com.acme/loop/jsonschema/1-0-0");
		assertThat(this.emitter.payloads).isEmpty();
	}

	@Test
	void namespaceIsRequiredAndMustNotContainSeparators() {
		assertThatIllegalArgumentException().isThrownBy(() -> Tracker.builder(" ")).withMessageContaining("namespace");
		assertThatIllegalArgumentException().isThrownBy(() -> Tracker.builder("a:b")).withMessageContaining("namespace");
		assertThatIllegalArgumentException().isThrownBy(() -> Tracker.builder("a;b")).withMessageContaining("namespace");
	}

	@Test
	void platformCanBeChosenByCodeOrName() {
		assertThat(Platform.of("mob")).isEqualTo(Platform.MOBILE);
		assertThat(Platform.of("server")).isEqualTo(Platform.SERVER);
		assertThatIllegalArgumentException().isThrownBy(() -> Platform.of("phone")).withMessageContaining("'phone'");
		Tracker web = Tracker.builder("ns").platform(Platform.WEB).emitter(this.emitter).build();
		web.track(PageView.builder("https://a.example/").build());
		assertThat(this.emitter.only().get("p")).isEqualTo("web");
	}

	static String decode(String base64) {
		return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
	}

}
