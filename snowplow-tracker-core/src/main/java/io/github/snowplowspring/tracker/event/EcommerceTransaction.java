package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * An ecommerce transaction ({@code e=tr}) with its items. Each item is sent as its own
 * {@code e=ti} event with its own event id, carrying the transaction's order id, currency,
 * subject and true timestamp, as the Python tracker does.
 *
 * @param orderId the order id ({@code tr_id}), required
 * @param totalValue the total value ({@code tr_tt}), required
 * @param affiliation the affiliation ({@code tr_af})
 * @param taxValue the tax ({@code tr_tx})
 * @param shipping the shipping cost ({@code tr_sh})
 * @param city the delivery city ({@code tr_ci})
 * @param state the delivery state ({@code tr_st})
 * @param country the delivery country ({@code tr_co})
 * @param currency the currency ({@code tr_cu}), also used for the items
 * @param items the items
 * @param contexts context entities
 * @param trueTimestamp when the event really happened ({@code ttm})
 * @param subject the event's own subject
 */
public record EcommerceTransaction(String orderId, double totalValue, @Nullable String affiliation,
		@Nullable Double taxValue, @Nullable Double shipping, @Nullable String city, @Nullable String state,
		@Nullable String country, @Nullable String currency, List<EcommerceTransactionItem> items,
		List<SelfDescribingJson> contexts, @Nullable Instant trueTimestamp, @Nullable Subject subject) implements Event {

	public EcommerceTransaction {
		EventBuilder.required(orderId, "EcommerceTransaction.orderId");
		EventBuilder.finite(totalValue, "EcommerceTransaction.totalValue");
		if (taxValue != null) {
			EventBuilder.finite(taxValue, "EcommerceTransaction.taxValue");
		}
		if (shipping != null) {
			EventBuilder.finite(shipping, "EcommerceTransaction.shipping");
		}
		items = List.copyOf(items);
		contexts = List.copyOf(contexts);
	}

	/** A transaction with the given order id and total value. */
	public static Builder builder(String orderId, double totalValue) {
		return new Builder(orderId, totalValue);
	}

	/** Builds an {@link EcommerceTransaction}. */
	public static final class Builder extends EventBuilder<Builder> {

		private final String orderId;

		private final double totalValue;

		private @Nullable String affiliation;

		private @Nullable Double taxValue;

		private @Nullable Double shipping;

		private @Nullable String city;

		private @Nullable String state;

		private @Nullable String country;

		private @Nullable String currency;

		private final List<EcommerceTransactionItem> items = new ArrayList<>();

		Builder(String orderId, double totalValue) {
			this.orderId = EventBuilder.required(orderId, "EcommerceTransaction.orderId");
			this.totalValue = totalValue;
		}

		/** Sets the affiliation. */
		public Builder affiliation(@Nullable String affiliation) {
			this.affiliation = affiliation;
			return this;
		}

		/** Sets the tax. */
		public Builder taxValue(@Nullable Double taxValue) {
			this.taxValue = taxValue;
			return this;
		}

		/** Sets the shipping cost. */
		public Builder shipping(@Nullable Double shipping) {
			this.shipping = shipping;
			return this;
		}

		/** Sets the delivery city. */
		public Builder city(@Nullable String city) {
			this.city = city;
			return this;
		}

		/** Sets the delivery state. */
		public Builder state(@Nullable String state) {
			this.state = state;
			return this;
		}

		/** Sets the delivery country. */
		public Builder country(@Nullable String country) {
			this.country = country;
			return this;
		}

		/** Sets the currency of the transaction and its items. */
		public Builder currency(@Nullable String currency) {
			this.currency = currency;
			return this;
		}

		/** Adds items. */
		public Builder items(EcommerceTransactionItem... items) {
			return items(Arrays.asList(items));
		}

		/** Adds items. */
		public Builder items(List<EcommerceTransactionItem> items) {
			for (EcommerceTransactionItem item : items) {
				this.items.add(Objects.requireNonNull(item, "EcommerceTransaction.items must not contain null"));
			}
			return this;
		}

		public EcommerceTransaction build() {
			return new EcommerceTransaction(this.orderId, this.totalValue, this.affiliation, this.taxValue,
					this.shipping, this.city, this.state, this.country, this.currency, this.items, this.contexts,
					this.trueTimestamp, this.subject);
		}

	}

}
