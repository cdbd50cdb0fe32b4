package io.github.snowplowspring.sample.shop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.snowplowspring.tracker.Subject;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.PagePing;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;

import org.springframework.stereotype.Service;

/** What the shop tracks, through the injected {@link Tracker}: one method per shopper action. */
@Service
public class ShopTracking {

	static final String BASE_URL = "https://shop.example";

	private static final String CHECKOUT_STEP = "iglu:io.github.snowplowspring.sample/checkout_step/jsonschema/1-0-0";

	private static final String ADD_TO_CART = "iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0";

	private final Tracker tracker;

	public ShopTracking(Tracker tracker) {
		this.tracker = tracker;
	}

	/** A page was viewed. */
	public void pageView(Subject shopper, String path, String title, List<SelfDescribingJson> contexts) {
		this.tracker.track(PageView.builder(BASE_URL + path).title(title).context(contexts).subject(shopper).build());
	}

	/** The shopper is still reading a page, and scrolled. */
	public void pagePing(Subject shopper, String path, int maxScroll) {
		this.tracker.track(PagePing.builder(BASE_URL + path).xOffsets(0, 0).yOffsets(0, maxScroll).subject(shopper).build());
	}

	/** The shop's mobile app showed a screen. */
	public void screenView(Subject shopper, String screen) {
		this.tracker.track(ScreenView.builder(screen).type("app").subject(shopper).build());
	}

	/** A product went into the cart. */
	public void addToCart(Subject shopper, Product product, int quantity) {
		this.tracker.track(Structured.builder("cart", "add")
			.label(product.sku())
			.property(product.category())
			.value(product.price() * quantity)
			.context(product.context())
			.subject(shopper)
			.build());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("sku", product.sku());
		data.put("name", product.name());
		data.put("category", product.category());
		data.put("unitPrice", product.price());
		data.put("quantity", quantity);
		data.put("currency", "EUR");
		this.tracker.track(SelfDescribing.builder(ADD_TO_CART, data).subject(shopper).build());
	}

	/** The shopper paid for a cart: checkout steps, the payment's timing, and the transaction. */
	public String checkout(Subject shopper, Map<Product, Integer> cart, Duration paymentTime) {
		double total = 0;
		List<EcommerceTransactionItem> items = new ArrayList<>();
		for (Map.Entry<Product, Integer> line : cart.entrySet()) {
			Product product = line.getKey();
			total += product.price() * line.getValue();
			items.add(new EcommerceTransactionItem(product.sku(), product.price(), line.getValue(), product.name(),
					product.category(), List.of(product.context())));
		}
		String[] steps = { "address", "payment" };
		for (int step = 0; step < steps.length; step++) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("step", step + 1);
			data.put("name", steps[step]);
			data.put("cartValue", total);
			data.put("at", Instant.now());
			this.tracker.track(SelfDescribing.builder(CHECKOUT_STEP, data).subject(shopper).build());
		}
		this.tracker.track(Timing.builder("checkout", "payment", paymentTime).label("card").subject(shopper).build());
		String orderId = "order-" + UUID.randomUUID();
		this.tracker.track(EcommerceTransaction.builder(orderId, total)
			.currency("EUR")
			.affiliation("sample-shop")
			.items(items)
			.subject(shopper)
			.build());
		return orderId;
	}

}
