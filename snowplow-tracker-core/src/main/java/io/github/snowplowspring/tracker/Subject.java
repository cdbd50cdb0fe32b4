package io.github.snowplowspring.tracker;

import org.jspecify.annotations.Nullable;

/**
 * Who and where an event comes from. A tracker has a default subject; an event may carry its
 * own, whose values win field by field ({@link #mergedOver(Subject)}).
 *
 * @param userId the business user id ({@code uid})
 * @param domainUserId the first-party cookie user id ({@code duid})
 * @param networkUserId overrides the collector's cookie id ({@code tnuid})
 * @param sessionId the session id ({@code sid})
 * @param sessionIndex the session index ({@code vid})
 * @param ipAddress the user's IP address ({@code ip})
 * @param userAgent the user agent ({@code ua})
 * @param timezone the IANA time zone, e.g. Europe/London ({@code tz})
 * @param language the language ({@code lang})
 * @param screenResolution the screen resolution ({@code res})
 * @param viewport the viewport size ({@code vp})
 * @param colorDepth the colour depth ({@code cd})
 */
public record Subject(@Nullable String userId, @Nullable String domainUserId, @Nullable String networkUserId,
		@Nullable String sessionId, @Nullable Integer sessionIndex, @Nullable String ipAddress,
		@Nullable String userAgent, @Nullable String timezone, @Nullable String language,
		@Nullable Dimensions screenResolution, @Nullable Dimensions viewport, @Nullable Integer colorDepth) {

	/** A subject with nothing set. */
	public static final Subject EMPTY = builder().build();

	public Subject {
		if (sessionIndex != null && sessionIndex < 0) {
			throw new IllegalArgumentException("Subject.sessionIndex must not be negative, was " + sessionIndex);
		}
		if (colorDepth != null && colorDepth <= 0) {
			throw new IllegalArgumentException("Subject.colorDepth must be positive, was " + colorDepth);
		}
	}

	/** Starts an empty subject. */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder holding this subject's values, to derive a variant. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * This subject's values laid over {@code base}: each field set here wins, the others come
	 * from {@code base}.
	 */
	public Subject mergedOver(@Nullable Subject base) {
		if (base == null || base.equals(EMPTY)) {
			return this;
		}
		return new Subject(pick(this.userId, base.userId), pick(this.domainUserId, base.domainUserId),
				pick(this.networkUserId, base.networkUserId), pick(this.sessionId, base.sessionId),
				pick(this.sessionIndex, base.sessionIndex), pick(this.ipAddress, base.ipAddress),
				pick(this.userAgent, base.userAgent), pick(this.timezone, base.timezone),
				pick(this.language, base.language), pick(this.screenResolution, base.screenResolution),
				pick(this.viewport, base.viewport), pick(this.colorDepth, base.colorDepth));
	}

	private static <T> @Nullable T pick(@Nullable T preferred, @Nullable T fallback) {
		return (preferred != null) ? preferred : fallback;
	}

	/**
	 * A width and a height in pixels, sent as {@code WIDTHxHEIGHT}.
	 *
	 * @param width the width, positive
	 * @param height the height, positive
	 */
	public record Dimensions(int width, int height) {

		public Dimensions {
			if (width <= 0 || height <= 0) {
				throw new IllegalArgumentException("dimensions must be positive, were " + width + "x" + height);
			}
		}

		@Override
		public String toString() {
			return this.width + "x" + this.height;
		}

	}

	/** Builds a {@link Subject}. */
	public static final class Builder {

		private @Nullable String userId;

		private @Nullable String domainUserId;

		private @Nullable String networkUserId;

		private @Nullable String sessionId;

		private @Nullable Integer sessionIndex;

		private @Nullable String ipAddress;

		private @Nullable String userAgent;

		private @Nullable String timezone;

		private @Nullable String language;

		private @Nullable Dimensions screenResolution;

		private @Nullable Dimensions viewport;

		private @Nullable Integer colorDepth;

		Builder() {
		}

		Builder(Subject subject) {
			this.userId = subject.userId;
			this.domainUserId = subject.domainUserId;
			this.networkUserId = subject.networkUserId;
			this.sessionId = subject.sessionId;
			this.sessionIndex = subject.sessionIndex;
			this.ipAddress = subject.ipAddress;
			this.userAgent = subject.userAgent;
			this.timezone = subject.timezone;
			this.language = subject.language;
			this.screenResolution = subject.screenResolution;
			this.viewport = subject.viewport;
			this.colorDepth = subject.colorDepth;
		}

		/** Sets the business user id. */
		public Builder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		/** Sets the first-party cookie user id. */
		public Builder domainUserId(@Nullable String domainUserId) {
			this.domainUserId = domainUserId;
			return this;
		}

		/** Sets the network user id, overriding the collector's cookie. */
		public Builder networkUserId(@Nullable String networkUserId) {
			this.networkUserId = networkUserId;
			return this;
		}

		/** Sets the session id. */
		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		/** Sets the session index. */
		public Builder sessionIndex(@Nullable Integer sessionIndex) {
			this.sessionIndex = sessionIndex;
			return this;
		}

		/** Sets the user's IP address. */
		public Builder ipAddress(@Nullable String ipAddress) {
			this.ipAddress = ipAddress;
			return this;
		}

		/** Sets the user agent. */
		public Builder userAgent(@Nullable String userAgent) {
			this.userAgent = userAgent;
			return this;
		}

		/** Sets the IANA time zone id. */
		public Builder timezone(@Nullable String timezone) {
			this.timezone = timezone;
			return this;
		}

		/** Sets the language. */
		public Builder language(@Nullable String language) {
			this.language = language;
			return this;
		}

		/** Sets the screen resolution. */
		public Builder screenResolution(int width, int height) {
			this.screenResolution = new Dimensions(width, height);
			return this;
		}

		/** Sets the viewport size. */
		public Builder viewport(int width, int height) {
			this.viewport = new Dimensions(width, height);
			return this;
		}

		/** Sets the colour depth. */
		public Builder colorDepth(@Nullable Integer colorDepth) {
			this.colorDepth = colorDepth;
			return this;
		}

		public Subject build() {
			return new Subject(this.userId, this.domainUserId, this.networkUserId, this.sessionId,
					this.sessionIndex, this.ipAddress, this.userAgent, this.timezone, this.language,
					this.screenResolution, this.viewport, this.colorDepth);
		}

	}

}
