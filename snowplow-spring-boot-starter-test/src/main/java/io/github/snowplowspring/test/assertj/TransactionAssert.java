package io.github.snowplowspring.test.assertj;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.snowplowspring.test.CapturedEvent;
import io.github.snowplowspring.test.EventType;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the captured ecommerce transactions ({@code tr} events) that match an
 * expectation, and on their items: the {@code ti} events tracked with them.
 */
public final class TransactionAssert extends AbstractEventAssert<TransactionAssert> {

	TransactionAssert(List<CapturedEvent> matching, List<CapturedEvent> captured, String expectation) {
		super(matching, captured, expectation, TransactionAssert.class);
	}

	@Override
	TransactionAssert newAssert(List<CapturedEvent> matching, String expectation) {
		return new TransactionAssert(matching, this.captured, expectation);
	}

	/**
	 * Verifies that a matching transaction has this total ({@code tr_tt}).
	 * @param total the expected total
	 * @return an assertion on the transactions that have it
	 */
	public TransactionAssert withTotal(double total) {
		BigDecimal expected = BigDecimal.valueOf(total);
		return narrow("total " + expected.stripTrailingZeros().toPlainString(),
				(event) -> StructuredEventAssert.sameNumber(event.get("tr_tt"), expected));
	}

	/**
	 * Verifies that a matching transaction has this currency ({@code tr_cu}).
	 * @param currency the expected currency, or null for none
	 * @return an assertion on the transactions that have it
	 */
	public TransactionAssert withCurrency(@Nullable String currency) {
		return narrow("currency " + Messages.quote(currency), (event) -> Objects.equals(event.get("tr_cu"), currency));
	}

	/**
	 * Verifies that a matching transaction has an item of this SKU and quantity.
	 * @param sku the item's SKU ({@code ti_sk})
	 * @param quantity its quantity ({@code ti_qu})
	 * @return an assertion on the transactions that have it
	 */
	public TransactionAssert withItem(String sku, int quantity) {
		return narrow("an item " + Messages.quote(sku) + " x " + quantity, (transaction) -> items(transaction).stream()
			.anyMatch((item) -> sku.equals(item.get("ti_sk")) && Integer.toString(quantity).equals(item.get("ti_qu"))));
	}

	/**
	 * Verifies that a matching transaction has an item of this SKU, quantity and price.
	 * @param sku the item's SKU ({@code ti_sk})
	 * @param quantity its quantity ({@code ti_qu})
	 * @param price its price ({@code ti_pr})
	 * @return an assertion on the transactions that have it
	 */
	public TransactionAssert withItem(String sku, int quantity, double price) {
		BigDecimal expected = BigDecimal.valueOf(price);
		return narrow("an item " + Messages.quote(sku) + " x " + quantity + " at "
				+ expected.stripTrailingZeros().toPlainString(), (transaction) -> items(transaction).stream()
					.anyMatch((item) -> sku.equals(item.get("ti_sk")) && Integer.toString(quantity).equals(item.get("ti_qu"))
							&& StructuredEventAssert.sameNumber(item.get("ti_pr"), expected)));
	}

	/**
	 * Verifies that a matching transaction has exactly these items, in any order.
	 * @param quantitiesBySku the quantity of each SKU (the sum, should a SKU be listed twice)
	 * @return an assertion on the transactions that have them
	 */
	public TransactionAssert withItems(Map<String, Integer> quantitiesBySku) {
		StringBuilder items = new StringBuilder();
		quantitiesBySku.forEach((sku, quantity) -> items.append(items.isEmpty() ? "" : ", ").append(Messages.quote(sku))
			.append(" x ").append(quantity));
		return narrow("exactly the items " + items,
				(transaction) -> quantitiesBySku(items(transaction)).equals(new LinkedHashMap<>(quantitiesBySku)));
	}

	/**
	 * Verifies that a matching transaction has this many items.
	 * @param count the number of {@code ti} events
	 * @return an assertion on the transactions that have that many
	 */
	public TransactionAssert withItemCount(int count) {
		return narrow(Messages.items(count), (transaction) -> items(transaction).size() == count);
	}

	/**
	 * The items of a transaction: its {@code ti} events, tracked in the same call (same order id
	 * and same {@code dtm}).
	 */
	private List<CapturedEvent> items(CapturedEvent transaction) {
		String orderId = transaction.get("tr_id");
		String tracked = transaction.get("dtm");
		return this.captured.stream()
			.filter((event) -> event.is(EventType.TRANSACTION_ITEM) && Objects.equals(event.get("ti_id"), orderId)
					&& Objects.equals(event.get("dtm"), tracked))
			.toList();
	}

	private static Map<String, Integer> quantitiesBySku(List<CapturedEvent> items) {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		for (CapturedEvent item : items) {
			String sku = Objects.requireNonNullElse(item.get("ti_sk"), "");
			quantities.merge(sku, parseQuantity(item.get("ti_qu")), Integer::sum);
		}
		return quantities;
	}

	private static int parseQuantity(@Nullable String quantity) {
		try {
			return (quantity != null) ? Integer.parseInt(quantity) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
