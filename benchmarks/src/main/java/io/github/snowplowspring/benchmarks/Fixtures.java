package io.github.snowplowspring.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.Subject;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.Emitter;
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

/**
 * The events every benchmark tracks: one of each type with the fields a server-side shop sets,
 * so that sizes are realistic (a few hundred bytes on the wire) and the same in every figure.
 */
public final class Fixtures {

	/** The tracker's default subject, as a server-side application sets it. */
	public static final Subject SUBJECT = Subject.builder()
		.userId("user-4711")
		.timezone("Europe/London")
		.language("en-GB")
		.build();

	public static final PageView PAGE_VIEW = PageView.builder("https://shop.example.com/products/mug-1?colour=blue")
		.title("Blue mug - Example shop")
		.referrer("https://shop.example.com/search?q=mug")
		.build();

	public static final PagePing PAGE_PING = PagePing.builder("https://shop.example.com/products/mug-1?colour=blue")
		.title("Blue mug - Example shop")
		.xOffsets(0, 120)
		.yOffsets(0, 2400)
		.build();

	public static final Structured STRUCTURED = Structured.builder("basket", "add")
		.label("mug-1")
		.property("colour=blue")
		.value(12.5)
		.build();

	public static final SelfDescribing SELF_DESCRIBING = SelfDescribing
		.builder("iglu:com.acme/checkout_step/jsonschema/1-0-0", map("step", 2, "option", "card", "coupon", "WINTER10"))
		.context(SelfDescribingJson.of("iglu:com.acme/customer/jsonschema/1-0-0", map("plan", "pro", "since", 2019)))
		.build();

	public static final ScreenView SCREEN_VIEW = ScreenView.builder("checkout")
		.id("3f0c7ba4-5d0e-4b8e-9a4c-0c2b8f7d1e21")
		.type("page")
		.build();

	public static final Timing TIMING = Timing.builder("checkout", "payment-authorisation", Duration.ofMillis(312))
		.label("card")
		.build();

	public static final EcommerceTransaction TRANSACTION = EcommerceTransaction.builder("order-1042", 37.5)
		.affiliation("web")
		.currency("GBP")
		.country("GB")
		.items(EcommerceTransactionItem.of("mug-1", 12.5, 2, "Blue mug", "kitchen"),
				EcommerceTransactionItem.of("tea-3", 12.5, 1, "Breakfast tea", "food"))
		.build();

	/** What the load driver and the track benchmark send, in turn: one event per call, mixed types. */
	public static final List<Event> MIX = List.of(PAGE_VIEW, STRUCTURED, SELF_DESCRIBING, SCREEN_VIEW);

	private Fixtures() {
	}

	/** Every event type by the name the benchmarks take as a parameter. */
	public static Event event(String type) {
		return switch (type) {
			case "page_view" -> PAGE_VIEW;
			case "page_ping" -> PAGE_PING;
			case "structured" -> STRUCTURED;
			case "self_describing" -> SELF_DESCRIBING;
			case "screen_view" -> SCREEN_VIEW;
			case "timing" -> TIMING;
			case "transaction" -> TRANSACTION;
			default -> throw new IllegalArgumentException("unknown event type " + type);
		};
	}

	/** A tracker configured as the benchmarks use it: namespace, app id, subject, base64 on. */
	public static Tracker tracker(Emitter... emitters) {
		return Tracker.builder("bench").appId("bench-app").subject(SUBJECT).emitter(emitters).build();
	}

	private static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
