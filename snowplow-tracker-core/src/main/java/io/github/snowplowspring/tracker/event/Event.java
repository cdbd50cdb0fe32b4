package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.List;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * An event to track. Every event is an immutable value built by its builder, and may carry
 * context entities, a true timestamp ({@code ttm}) and its own subject, which is merged over
 * the tracker's subject.
 */
public sealed interface Event
		permits PageView, PagePing, Structured, SelfDescribing, ScreenView, Timing, EcommerceTransaction {

	/** Context entities attached to this event; never null. */
	List<SelfDescribingJson> contexts();

	/** When the event really happened, if the caller knows better than the tracker; else null. */
	@Nullable Instant trueTimestamp();

	/** This event's own subject, merged over the tracker's; null for none. */
	@Nullable Subject subject();

}
