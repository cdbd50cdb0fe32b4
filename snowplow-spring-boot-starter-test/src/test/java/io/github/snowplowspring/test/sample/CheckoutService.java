package io.github.snowplowspring.test.sample;

import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;

import org.springframework.stereotype.Service;

/**
 * The checkout of the sample shop: what it tracks is what the tests assert.
 */
@Service
public class CheckoutService {

	public static final String CART = "iglu:com.acme/cart/jsonschema/1-0-0";

	public static final String CHECKOUT_STEP = "iglu:com.acme/checkout_step/jsonschema/1-0-0";

	private final Tracker tracker;

	public CheckoutService(Tracker tracker) {
		this.tracker = tracker;
	}

	/** Shows the basket page. */
	public void viewBasket(String cartId) {
		this.tracker.track(PageView.builder("https://shop.example/basket")
			.title("Basket")
			.context(SelfDescribingJson.of(CART, Map.of("id", cartId)))
			.build());
	}

	/** Completes an order. */
	public void complete(Purchase order) {
		this.tracker.track(SelfDescribing.builder(CHECKOUT_STEP, Map.of("step", 3))
			.context(SelfDescribingJson.of(CART, Map.of("id", order.cartId())))
			.build());
		this.tracker.track(Structured.builder("checkout", "complete").label(order.id()).value(order.total()).build());
		this.tracker.track(EcommerceTransaction.builder(order.id(), order.total())
			.currency("EUR")
			.items(order.lines().stream().map((line) -> EcommerceTransactionItem.of(line.sku(), line.price(), line.quantity())).toList())
			.build());
	}

	/** An order: its id, the cart it came from, and its lines. */
	public record Purchase(String id, String cartId, List<Line> lines) {

		double total() {
			return this.lines.stream().mapToDouble((line) -> line.price() * line.quantity()).sum();
		}

	}

	/** One line of an order. */
	public record Line(String sku, double price, int quantity) {
	}

}
