package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * A screen view, sent as a self-describing event of schema
 * {@value #SCHEMA}. The schema requires {@code id} to be a UUID: one is generated when
 * absent, and anything else is rejected.
 *
 * @param name the screen's name, required
 * @param id the screen view's id, a UUID
 * @param type the screen's type, e.g. feed or carousel
 * @param previousName the previous screen's name
 * @param previousId the previous screen view's id, a UUID
 * @param previousType the previous screen's type
 * @param transitionType the type of transition that led to this screen
 * @param contexts context entities
 * @param trueTimestamp when the event really happened ({@code ttm})
 * @param subject the event's own subject
 */
public record ScreenView(String name, String id, @Nullable String type, @Nullable String previousName,
		@Nullable String previousId, @Nullable String previousType, @Nullable String transitionType,
		List<SelfDescribingJson> contexts, @Nullable Instant trueTimestamp, @Nullable Subject subject) implements Event {

	/** The Iglu schema of a screen view. */
	public static final String SCHEMA = "iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0";

	public ScreenView {
		EventBuilder.required(name, "ScreenView.name");
		requireUuid(EventBuilder.required(id, "ScreenView.id"), "ScreenView.id");
		if (previousId != null) {
			requireUuid(previousId, "ScreenView.previousId");
		}
		contexts = List.copyOf(contexts);
	}

	private static void requireUuid(String value, String field) {
		try {
			if (value.length() == 36 && UUID.fromString(value).toString().equalsIgnoreCase(value)) {
				return;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new IllegalArgumentException(field + " must be a UUID (the screen_view schema requires it), was '"
				+ value + "'");
	}

	/** A screen view of the named screen. */
	public static Builder builder(String name) {
		return new Builder().name(name);
	}

	/** Builds a {@link ScreenView}. */
	public static final class Builder extends EventBuilder<Builder> {

		private @Nullable String name;

		private @Nullable String id;

		private @Nullable String type;

		private @Nullable String previousName;

		private @Nullable String previousId;

		private @Nullable String previousType;

		private @Nullable String transitionType;

		Builder() {
		}

		/** Sets the screen's name. */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/** Sets the screen view's id, a UUID; generated when not set. */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/** Sets the screen's type. */
		public Builder type(@Nullable String type) {
			this.type = type;
			return this;
		}

		/** Sets the previous screen's name. */
		public Builder previousName(@Nullable String previousName) {
			this.previousName = previousName;
			return this;
		}

		/** Sets the previous screen view's id, a UUID. */
		public Builder previousId(@Nullable String previousId) {
			this.previousId = previousId;
			return this;
		}

		/** Sets the previous screen's type. */
		public Builder previousType(@Nullable String previousType) {
			this.previousType = previousType;
			return this;
		}

		/** Sets the type of transition that led to this screen. */
		public Builder transitionType(@Nullable String transitionType) {
			this.transitionType = transitionType;
			return this;
		}

		public ScreenView build() {
			String screenId = (this.id != null) ? this.id : UUID.randomUUID().toString();
			return new ScreenView(EventBuilder.required(this.name, "ScreenView.name"), screenId, this.type,
					this.previousName, this.previousId, this.previousType, this.transitionType, this.contexts,
					this.trueTimestamp, this.subject);
		}

	}

}
