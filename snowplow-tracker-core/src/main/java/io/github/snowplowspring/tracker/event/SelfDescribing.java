package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * A self-describing event ({@code e=ue}): any data described by an Iglu schema, sent inside the
 * {@code unstruct_event} envelope as {@code ue_px} (base64) or {@code ue_pr}.
 *
 * @param event the schema and data of the event
 * @param contexts context entities
 * @param trueTimestamp when the event really happened ({@code ttm})
 * @param subject the event's own subject
 */
public record SelfDescribing(SelfDescribingJson event, List<SelfDescribingJson> contexts,
		@Nullable Instant trueTimestamp, @Nullable Subject subject) implements Event {

	public SelfDescribing {
		Objects.requireNonNull(event, "SelfDescribing.event is required");
		contexts = List.copyOf(contexts);
	}

	/** A self-describing event of the given schema and data (a map, a record or any object). */
	public static Builder builder(String schema, Object data) {
		return builder(SelfDescribingJson.of(schema, data));
	}

	/** A self-describing event. */
	public static Builder builder(SelfDescribingJson event) {
		return new Builder(event);
	}

	/** Builds a {@link SelfDescribing} event. */
	public static final class Builder extends EventBuilder<Builder> {

		private final SelfDescribingJson event;

		Builder(SelfDescribingJson event) {
			this.event = Objects.requireNonNull(event, "SelfDescribing.event is required");
		}

		public SelfDescribing build() {
			return new SelfDescribing(this.event, this.contexts, this.trueTimestamp, this.subject);
		}

	}

}
