package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.List;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * A structured event ({@code e=se}): category, action, and optional label, property and value.
 *
 * @param category the category ({@code se_ca}), required
 * @param action the action ({@code se_ac}), required
 * @param label the label ({@code se_la})
 * @param property the property ({@code se_pr})
 * @param value a numeric value ({@code se_va}), finite
 * @param contexts context entities
 * @param trueTimestamp when the event really happened ({@code ttm})
 * @param subject the event's own subject
 */
public record Structured(String category, String action, @Nullable String label, @Nullable String property,
		@Nullable Double value, List<SelfDescribingJson> contexts, @Nullable Instant trueTimestamp,
		@Nullable Subject subject) implements Event {

	public Structured {
		EventBuilder.required(category, "Structured.category");
		EventBuilder.required(action, "Structured.action");
		if (value != null) {
			EventBuilder.finite(value, "Structured.value");
		}
		contexts = List.copyOf(contexts);
	}

	/** A structured event with the given category and action. */
	public static Builder builder(String category, String action) {
		return new Builder().category(category).action(action);
	}

	/** Builds a {@link Structured} event. */
	public static final class Builder extends EventBuilder<Builder> {

		private @Nullable String category;

		private @Nullable String action;

		private @Nullable String label;

		private @Nullable String property;

		private @Nullable Double value;

		Builder() {
		}

		/** Sets the category. */
		public Builder category(@Nullable String category) {
			this.category = category;
			return this;
		}

		/** Sets the action. */
		public Builder action(@Nullable String action) {
			this.action = action;
			return this;
		}

		/** Sets the label. */
		public Builder label(@Nullable String label) {
			this.label = label;
			return this;
		}

		/** Sets the property. */
		public Builder property(@Nullable String property) {
			this.property = property;
			return this;
		}

		/** Sets the numeric value. */
		public Builder value(@Nullable Double value) {
			this.value = value;
			return this;
		}

		public Structured build() {
			return new Structured(EventBuilder.required(this.category, "Structured.category"),
					EventBuilder.required(this.action, "Structured.action"), this.label, this.property, this.value,
					this.contexts, this.trueTimestamp, this.subject);
		}

	}

}
