package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.List;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * A page ping ({@code e=pp}): the page is still open, with the scroll offsets seen since the
 * last ping.
 *
 * @param url the page URL ({@code url}), required
 * @param title the page title ({@code page})
 * @param referrer the referrer URL ({@code refr})
 * @param minXOffset minimum horizontal scroll offset ({@code pp_mix})
 * @param maxXOffset maximum horizontal scroll offset ({@code pp_max})
 * @param minYOffset minimum vertical scroll offset ({@code pp_miy})
 * @param maxYOffset maximum vertical scroll offset ({@code pp_may})
 * @param contexts context entities
 * @param trueTimestamp when the event really happened ({@code ttm})
 * @param subject the event's own subject
 */
public record PagePing(String url, @Nullable String title, @Nullable String referrer, @Nullable Integer minXOffset,
		@Nullable Integer maxXOffset, @Nullable Integer minYOffset, @Nullable Integer maxYOffset,
		List<SelfDescribingJson> contexts, @Nullable Instant trueTimestamp, @Nullable Subject subject) implements Event {

	public PagePing {
		EventBuilder.required(url, "PagePing.url");
		contexts = List.copyOf(contexts);
	}

	/** A page ping for the given URL. */
	public static Builder builder(String url) {
		return new Builder().url(url);
	}

	/** Builds a {@link PagePing}. */
	public static final class Builder extends EventBuilder<Builder> {

		private @Nullable String url;

		private @Nullable String title;

		private @Nullable String referrer;

		private @Nullable Integer minXOffset;

		private @Nullable Integer maxXOffset;

		private @Nullable Integer minYOffset;

		private @Nullable Integer maxYOffset;

		Builder() {
		}

		/** Sets the page URL. */
		public Builder url(@Nullable String url) {
			this.url = url;
			return this;
		}

		/** Sets the page title. */
		public Builder title(@Nullable String title) {
			this.title = title;
			return this;
		}

		/** Sets the referrer URL. */
		public Builder referrer(@Nullable String referrer) {
			this.referrer = referrer;
			return this;
		}

		/** Sets the horizontal scroll offsets seen since the last ping. */
		public Builder xOffsets(int min, int max) {
			this.minXOffset = min;
			this.maxXOffset = max;
			return this;
		}

		/** Sets the vertical scroll offsets seen since the last ping. */
		public Builder yOffsets(int min, int max) {
			this.minYOffset = min;
			this.maxYOffset = max;
			return this;
		}

		public PagePing build() {
			return new PagePing(EventBuilder.required(this.url, "PagePing.url"), this.title, this.referrer,
					this.minXOffset, this.maxXOffset, this.minYOffset, this.maxYOffset, this.contexts,
					this.trueTimestamp, this.subject);
		}

	}

}
