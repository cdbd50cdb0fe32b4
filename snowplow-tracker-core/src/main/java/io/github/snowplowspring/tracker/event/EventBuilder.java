package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * What every event builder has: context entities, a true timestamp and a subject.
 *
 * @param <B> the concrete builder
 */
public abstract class EventBuilder<B extends EventBuilder<B>> {

	final List<SelfDescribingJson> contexts = new ArrayList<>();

	@Nullable Instant trueTimestamp;

	@Nullable Subject subject;

	EventBuilder() {
	}

	/** Adds context entities. */
	public B context(SelfDescribingJson... entities) {
		return context(Arrays.asList(entities));
	}

	/** Adds context entities. */
	public B context(List<SelfDescribingJson> entities) {
		for (SelfDescribingJson entity : entities) {
			this.contexts.add(Objects.requireNonNull(entity, "context entity must not be null"));
		}
		return self();
	}

	/** Sets when the event really happened ({@code ttm}). */
	public B trueTimestamp(@Nullable Instant trueTimestamp) {
		this.trueTimestamp = trueTimestamp;
		return self();
	}

	/** Sets this event's own subject, merged over the tracker's. */
	public B subject(@Nullable Subject subject) {
		this.subject = subject;
		return self();
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " is required and must not be blank");
		}
		return value;
	}

	static <T> T required(@Nullable T value, String field) {
		if (value == null) {
			throw new IllegalArgumentException(field + " is required");
		}
		return value;
	}

	static double finite(double value, String field) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException(field + " must be a finite number, was " + value);
		}
		return value;
	}

}
