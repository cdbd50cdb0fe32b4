package io.github.snowplowspring.tracker.event;

import java.time.Instant;
import java.util.List;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * A page view ({@code e=pv}).
 *
 * @param url the page URL ({@code url}), required
 * @param title the page title ({@code page})
 * @param referrer the referrer URL ({@code refr})
 * @param contexts context entities
 * @param trueTimestamp when the event really happened ({@code ttm})
 * @param subject the event's own subject
 */
public record PageView(String url, @Nullable String title, @Nullable String referrer, List<SelfDescribingJson> contexts,
		@Nullable Instant trueTimestamp, @Nullable Subject subject) implements Event {

	public PageView {
		EventBuilder.required(url, "PageView.url");
		contexts = List.copyOf(contexts);
	}

	/** A page view of the given URL. */
	public static Builder builder(String url) {
		return new Builder().url(url);
	}

	/** Builds a {@link PageView}. */
	public static final class Builder extends EventBuilder<Builder> {

		private @Nullable String url;

		private @Nullable String title;

		private @Nullable String referrer;

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

		public PageView build() {
			return new PageView(EventBuilder.required(this.url, "PageView.url"), this.title, this.referrer,
					this.contexts, this.trueTimestamp, this.subject);
		}

	}

}
