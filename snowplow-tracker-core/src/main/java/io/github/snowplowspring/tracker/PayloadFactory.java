package io.github.snowplowspring.tracker;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.context.EventFilter;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.event.PagePing;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;
import io.github.snowplowspring.tracker.payload.Payload;
import io.github.snowplowspring.tracker.payload.DataSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Turns events into protocol payloads: every value a string, nulls left out, only parameters
 * that {@code payload_data} 1-0-4 allows.
 */
final class PayloadFactory {

	static final String CONTEXTS_SCHEMA = "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1";

	static final String UNSTRUCT_EVENT_SCHEMA = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0";

	// URL-safe alphabet, as the protocol documentation and the Python tracker use; padded.
	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder();

	private final String trackerVersion;

	private final String namespace;

	private final @Nullable String appId;

	private final Platform platform;

	private final boolean base64;

	private final Clock clock;

	private final DataSerializer serializer;

	private final EventIdGenerator eventIds = new EventIdGenerator();

	private volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

	private final boolean trackerVersionPlain;

	private final boolean namespacePlain;

	private final boolean appIdPlain;

	PayloadFactory(String trackerVersion, String namespace, @Nullable String appId, Platform platform, boolean base64,
			Clock clock, DataSerializer serializer) {
		this.trackerVersion = trackerVersion;
		this.namespace = namespace;
		this.appId = appId;
		this.platform = platform;
		this.base64 = base64;
		this.clock = clock;
		this.serializer = serializer;
		this.trackerVersionPlain = isPlain(trackerVersion);
		this.namespacePlain = isPlain(namespace);
		this.appIdPlain = appId == null || isPlain(appId);
	}

	/** Whether a value is printable ASCII without quotes or backslashes: JSON takes it as it is. */
	private static boolean isPlain(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
				return false;
			}
		}
		return true;
	}

	private static void add(Payload.Builder payload, String name, @Nullable String value, boolean plain) {
		if (plain) {
			payload.addPlain(name, value);
		}
		else {
			payload.add(name, value);
		}
	}

	/** The text of {@code dtm}: events tracked in the same millisecond share it, as most do at high rates. */
	private String millis(long now) {
		Stamp stamp = this.lastStamp;
		if (stamp.millis() != now) {
			stamp = new Stamp(now, Long.toString(now));
			this.lastStamp = stamp;
		}
		return stamp.text();
	}

	/**
	 * The payloads of one event: one, or for a transaction one plus one per item.
	 * @param event the event
	 * @param baseSubject the subject the event's own is laid over
	 * @param extraContexts entities from context providers, added to the event's own
	 */
	List<Payload> create(Event event, @Nullable Subject baseSubject, List<SelfDescribingJson> extraContexts) {
		long now = this.clock.millis();
		Subject subject = (event.subject() != null) ? event.subject().mergedOver(baseSubject) : baseSubject;
		if (event instanceof EcommerceTransaction transaction) {
			return transaction(transaction, subject, now, extraContexts);
		}
		Payload.Builder payload = start(EventFilter.typeOf(event), now, event.trueTimestamp());
		if (event instanceof PageView pageView) {
			payload.add("url", pageView.url()).add("page", pageView.title()).add("refr", pageView.referrer());
		}
		else if (event instanceof PagePing ping) {
			payload.add("url", ping.url())
				.add("page", ping.title())
				.add("refr", ping.referrer())
				.addPlain("pp_mix", string(ping.minXOffset()))
				.addPlain("pp_max", string(ping.maxXOffset()))
				.addPlain("pp_miy", string(ping.minYOffset()))
				.addPlain("pp_may", string(ping.maxYOffset()));
		}
		else if (event instanceof Structured structured) {
			payload.add("se_ca", structured.category())
				.add("se_ac", structured.action())
				.add("se_la", structured.label())
				.add("se_pr", structured.property())
				.addPlain("se_va", (structured.value() != null) ? decimal(structured.value()) : null);
		}
		else {
			addSelfDescribingEvent(payload, selfDescribingEventOf(event));
		}
		return List.of(finish(payload, withExtra(event.contexts(), extraContexts), subject));
	}

	private static List<SelfDescribingJson> withExtra(List<SelfDescribingJson> own, List<SelfDescribingJson> extra) {
		if (extra.isEmpty()) {
			return own;
		}
		List<SelfDescribingJson> all = new ArrayList<>(own.size() + extra.size());
		all.addAll(own);
		all.addAll(extra);
		return all;
	}

	private static SelfDescribingJson selfDescribingEventOf(Event event) {
		if (event instanceof SelfDescribing selfDescribing) {
			return selfDescribing.event();
		}
		if (event instanceof ScreenView screen) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("name", screen.name());
			data.put("id", screen.id());
			data.put("type", screen.type());
			data.put("previousName", screen.previousName());
			data.put("previousId", screen.previousId());
			data.put("previousType", screen.previousType());
			data.put("transitionType", screen.transitionType());
			return SelfDescribingJson.of(ScreenView.SCHEMA, data);
		}
		if (event instanceof Timing timing) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("category", timing.category());
			data.put("variable", timing.variable());
			data.put("timing", timing.timing());
			data.put("label", timing.label());
			return SelfDescribingJson.of(Timing.SCHEMA, data);
		}
		throw new IllegalArgumentException("unsupported event type " + event.getClass().getName());
	}

	private List<Payload> transaction(EcommerceTransaction transaction, @Nullable Subject subject, long now,
			List<SelfDescribingJson> extraContexts) {
		List<Payload> payloads = new ArrayList<>(1 + transaction.items().size());
		Payload.Builder payload = start("tr", now, transaction.trueTimestamp());
		payload.add("tr_id", transaction.orderId())
			.addPlain("tr_tt", decimal(transaction.totalValue()))
			.add("tr_af", transaction.affiliation())
			.addPlain("tr_tx", (transaction.taxValue() != null) ? decimal(transaction.taxValue()) : null)
			.addPlain("tr_sh", (transaction.shipping() != null) ? decimal(transaction.shipping()) : null)
			.add("tr_ci", transaction.city())
			.add("tr_st", transaction.state())
			.add("tr_co", transaction.country())
			.add("tr_cu", transaction.currency());
		payloads.add(finish(payload, withExtra(transaction.contexts(), extraContexts), subject));
		for (int i = 0; i < transaction.items().size(); i++) {
			EcommerceTransactionItem item = transaction.items().get(i);
			Payload.Builder itemPayload = start("ti", now, transaction.trueTimestamp());
			itemPayload.add("ti_id", transaction.orderId())
				.add("ti_sk", item.sku())
				.add("ti_nm", item.name())
				.add("ti_ca", item.category())
				.addPlain("ti_pr", decimal(item.price()))
				.addPlain("ti_qu", Integer.toString(item.quantity()))
				.add("ti_cu", transaction.currency());
			payloads.add(finish(itemPayload, withExtra(item.contexts(), extraContexts), subject));
		}
		return payloads;
	}

	private Payload.Builder start(String eventType, long now, @Nullable Instant trueTimestamp) {
		// Values this factory makes, or checked once, are known plain: encoding need not scan them.
		Payload.Builder payload = Payload.builder(24)
			.addPlain("e", eventType)
			.addPlain(Payload.EVENT_ID, this.eventIds.next())
			.addPlain("dtm", millis(now))
			.addPlain("ttm", (trueTimestamp != null) ? Long.toString(trueTimestamp.toEpochMilli()) : null);
		add(payload, "tv", this.trackerVersion, this.trackerVersionPlain);
		add(payload, "tna", this.namespace, this.namespacePlain);
		add(payload, "aid", this.appId, this.appIdPlain);
		return payload.addPlain("p", this.platform.code());
	}

	private Payload finish(Payload.Builder payload, List<SelfDescribingJson> contexts, @Nullable Subject subject) {
		if (!contexts.isEmpty()) {
			String json = contextsJson(contexts);
			addJson(payload, json, "cx", "co");
		}
		if (subject != null) {
			payload.add("uid", subject.userId())
				.add("duid", subject.domainUserId())
				.add("tnuid", subject.networkUserId())
				.add("sid", subject.sessionId())
				.addPlain("vid", string(subject.sessionIndex()))
				.add("ip", subject.ipAddress())
				.add("ua", subject.userAgent())
				.add("tz", subject.timezone())
				.add("lang", subject.language())
				.add("res", string(subject.screenResolution()))
				.add("vp", string(subject.viewport()))
				.addPlain("cd", string(subject.colorDepth()));
		}
		return payload.build();
	}

	private void addSelfDescribingEvent(Payload.Builder payload, SelfDescribingJson event) {
		String data = this.serializer.toJson(event.data(), "data of self-describing event " + event.schema());
		String json = "{\"schema\":\"" + UNSTRUCT_EVENT_SCHEMA + "\",\"data\":{\"schema\":\"" + event.schema()
				+ "\",\"data\":" + data + "}}";
		addJson(payload, json, "ue_px", "ue_pr");
	}

	private String contextsJson(List<SelfDescribingJson> contexts) {
		StringBuilder json = new StringBuilder(128 * contexts.size()).append("{\"schema\":\"")
			.append(CONTEXTS_SCHEMA)
			.append("\",\"data\":[");
		for (int i = 0; i < contexts.size(); i++) {
			SelfDescribingJson entity = contexts.get(i);
			String data = this.serializer.toJson(entity.data(),
					"data of context entity " + i + " (" + entity.schema() + ")");
			json.append((i > 0) ? ",{\"schema\":\"" : "{\"schema\":\"")
				.append(entity.schema())
				.append("\",\"data\":")
				.append(data)
				.append('}');
		}
		return json.append("]}").toString();
	}

	private void addJson(Payload.Builder payload, String json, String encodedName, String plainName) {
		if (this.base64) {
			payload.addPlain(encodedName, BASE64.encodeToString(json.getBytes(StandardCharsets.UTF_8)));
		}
		else {
			payload.add(plainName, json);
		}
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	/** A decimal in plain notation: {@code 10}, {@code 2.5}, never {@code 1.0E7}. */
	static String decimal(double value) {
		// Prices and counts are mostly whole or short: BigDecimal only where Double.toString
		// would use an exponent (below 1e-3, from 1e7). Both start from the same shortest digits.
		if (value == (long) value && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		String text = Double.toString(value);
		if (text.indexOf('E') >= 0) {
			return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
		}
		return text;
	}

	/** A millisecond and its text. */
	private record Stamp(long millis, String text) {
	}

}
