package io.github.snowplowspring.tracker.emitter;

/** What an emitter does with a new event when its buffer is full (in events or bytes). */
public enum OverflowPolicy {

	/** Drop the new event ({@code buffer_full}). */
	DROP_NEWEST,

	/** Drop the oldest buffered event to make room ({@code buffer_full}). */
	DROP_OLDEST,

	/** Block the caller until there is room, for at most the emitter's max-block, then drop the new event. */
	BLOCK;

	/** The policy for a name such as {@code drop-newest}, ignoring case. */
	public static OverflowPolicy of(String name) {
		for (OverflowPolicy policy : values()) {
			if (policy.name().replace('_', '-').equalsIgnoreCase(name.replace('_', '-'))) {
				return policy;
			}
		}
		throw new IllegalArgumentException("overflow '" + name + "' is not one of drop-newest, drop-oldest, block");
	}

}
