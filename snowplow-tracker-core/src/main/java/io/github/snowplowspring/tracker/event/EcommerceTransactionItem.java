package io.github.snowplowspring.tracker.event;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One item of an {@link EcommerceTransaction}, sent as its own {@code e=ti} event.
 *
 * @param sku the stock-keeping unit ({@code ti_sk}), required
 * @param price the unit price ({@code ti_pr}), required
 * @param quantity how many ({@code ti_qu})
 * @param name the item's name ({@code ti_nm})
 * @param category the item's category ({@code ti_ca})
 * @param contexts context entities of this item's event
 */
public record EcommerceTransactionItem(String sku, double price, int quantity, @Nullable String name,
		@Nullable String category, List<SelfDescribingJson> contexts) {

	public EcommerceTransactionItem {
		EventBuilder.required(sku, "EcommerceTransactionItem.sku");
		EventBuilder.finite(price, "EcommerceTransactionItem.price");
		contexts = List.copyOf(contexts);
	}

	/** An item with no name, category or contexts. */
	public static EcommerceTransactionItem of(String sku, double price, int quantity) {
		return new EcommerceTransactionItem(sku, price, quantity, null, null, List.of());
	}

	/** An item with a name and category. */
	public static EcommerceTransactionItem of(String sku, double price, int quantity, @Nullable String name,
			@Nullable String category) {
		return new EcommerceTransactionItem(sku, price, quantity, name, category, List.of());
	}

}
