package io.github.snowplowspring.tracker.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * A user timing, sent as a self-describing event of schema {@value #SCHEMA}.
 *
 * @param category the timing's category, required
 * @param variable what was timed, required
 * @param timing the time taken in milliseconds, zero or more
 * @param label an optional label
 * @param contexts context entities
 * @param trueTimestamp when the event really happened ({@code ttm})
 * @param subject the event's own subject
 */
public record Timing(String category, String variable, long timing, @Nullable String label,
		List<SelfDescribingJson> contexts, @Nullable Instant trueTimestamp, @Nullable Subject subject) implements Event {

	/** The Iglu schema of a timing. */
	public static final String SCHEMA = "iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0";

	public Timing {
		EventBuilder.required(category, "Timing.category");
		EventBuilder.required(variable, "Timing.variable");
		if (timing < 0) {
			throw new IllegalArgumentException("Timing.timing must not be negative, was " + timing);
		}
		contexts = List.copyOf(contexts);
	}

	/** A timing of {@code variable} in {@code category} that took {@code timing}. */
	public static Builder builder(String category, String variable, Duration timing) {
		return new Builder().category(category).variable(variable).timing(timing);
	}

	/** Builds a {@link Timing}. */
	public static final class Builder extends EventBuilder<Builder> {

		private @Nullable String category;

		private @Nullable String variable;

		private @Nullable Long timing;

		private @Nullable String label;

		Builder() {
		}

		/** Sets the category. */
		public Builder category(@Nullable String category) {
			this.category = category;
			return this;
		}

		/** Sets what was timed. */
		public Builder variable(@Nullable String variable) {
			this.variable = variable;
			return this;
		}

		/** Sets the time taken, sent in whole milliseconds. */
		public Builder timing(Duration timing) {
			this.timing = timing.toMillis();
			return this;
		}

		/** Sets the time taken in milliseconds. */
		public Builder timingMillis(long timingMillis) {
			this.timing = timingMillis;
			return this;
		}

		/** Sets the label. */
		public Builder label(@Nullable String label) {
			this.label = label;
			return this;
		}

		public Timing build() {
			return new Timing(EventBuilder.required(this.category, "Timing.category"),
					EventBuilder.required(this.variable, "Timing.variable"),
					EventBuilder.required(this.timing, "Timing.timing"), this.label, this.contexts, this.trueTimestamp,
					this.subject);
		}

	}

}
