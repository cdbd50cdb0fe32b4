package io.github.snowplowspring.tracker.payload;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * One event in the Snowplow tracker protocol: an ordered set of string parameters
 * ({@code e}, {@code eid}, {@code dtm}, ...), immutable and safe to share between emitters.
 * <p>
 * Parameters are held as a flat array rather than a map, and the JSON form is computed once
 * and cached, so handing one payload to several emitters costs one serialization.
 */
public final class Payload {

	/** The parameter holding the event id. */
	public static final String EVENT_ID = "eid";

	// Names and values in turn; only the first length entries are parameters.
	private final String[] fields;

	private final int length;

	// Bit i: parameter i's name and value need no escaping (see Builder#addPlain); first 64 only.
	private final long plain;

	private volatile byte @Nullable [] json;

	private Payload(String[] fields, int length, long plain) {
		this.fields = fields;
		this.length = length;
		this.plain = plain;
	}

	/** Starts a payload with room for about {@code expectedParameters} parameters. */
	public static Builder builder(int expectedParameters) {
		return new Builder(expectedParameters);
	}

	/**
	 * A payload with the given parameters, in the map's iteration order. Null or empty values are
	 * left out, as the protocol asks.
	 */
	public static Payload of(Map<String, String> parameters) {
		Builder builder = builder(parameters.size());
		parameters.forEach(builder::add);
		return builder.build();
	}

	/** Reads a payload back from its JSON form (see {@link #toJson()}). */
	public static Payload fromJson(byte[] json) {
		return PayloadJson.readFlatObject(json);
	}

	/** The event id ({@code eid}), or null for a payload that has none. */
	public @Nullable String eventId() {
		return get(EVENT_ID);
	}

	/** The value of one parameter, or null when absent. */
	public @Nullable String get(String name) {
		for (int i = 0; i < this.length; i += 2) {
			if (this.fields[i].equals(name)) {
				return this.fields[i + 1];
			}
		}
		return null;
	}

	/** The number of parameters. */
	public int size() {
		return this.length / 2;
	}

	/** Calls {@code action} with every parameter name and value, in order. */
	public void forEach(BiConsumer<String, String> action) {
		for (int i = 0; i < this.length; i += 2) {
			action.accept(this.fields[i], this.fields[i + 1]);
		}
	}

	/** The parameters as a new unmodifiable map, in order. */
	public Map<String, String> toMap() {
		Map<String, String> map = new LinkedHashMap<>(this.length);
		forEach(map::put);
		return Collections.unmodifiableMap(map);
	}

	/**
	 * The UTF-8 JSON object of this payload ({@code {"e":"pv",...}}), as it goes into the
	 * {@code data} array of a POST body. Computed once; do not modify the returned array.
	 */
	public byte[] toJson() {
		byte[] result = this.json;
		if (result == null) {
			result = PayloadJson.writeFlatObject(this.fields, this.length, this.plain);
			this.json = result;
		}
		return result;
	}

	/** A copy of this payload with one parameter set (replaced if present, else appended). */
	public Payload with(String name, String value) {
		for (int i = 0; i < this.length; i += 2) {
			if (this.fields[i].equals(name)) {
				String[] copy = Arrays.copyOf(this.fields, this.length);
				copy[i + 1] = value;
				return new Payload(copy, copy.length, this.plain & ~(1L << (i >> 1)));
			}
		}
		String[] copy = Arrays.copyOf(this.fields, this.length + 2);
		copy[this.length] = name;
		copy[this.length + 1] = value;
		return new Payload(copy, copy.length, this.plain);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Payload payload
				&& Arrays.equals(this.fields, 0, this.length, payload.fields, 0, payload.length);
	}

	@Override
	public int hashCode() {
		int hash = 1;
		for (int i = 0; i < this.length; i++) {
			hash = 31 * hash + this.fields[i].hashCode();
		}
		return hash;
	}

	@Override
	public String toString() {
		return toMap().toString();
	}

	/** Collects parameters in order; null and empty values are skipped. Not thread-safe. */
	public static final class Builder {

		private String[] fields;

		private int length;

		// Whether a built payload holds the array: the next add copies it first.
		private boolean shared;

		private long plain;

		private Builder(int expectedParameters) {
			this.fields = new String[Math.max(2, expectedParameters * 2)];
		}

		/** Adds a parameter unless its value is null or empty. A repeated name is an error. */
		public Builder add(String name, @Nullable String value) {
			Objects.requireNonNull(name, "name");
			if (value == null || value.isEmpty()) {
				return this;
			}
			if (this.shared || this.length == this.fields.length) {
				this.fields = Arrays.copyOf(this.fields, Math.max(this.fields.length, this.length * 2));
				this.shared = false;
			}
			this.fields[this.length++] = name;
			this.fields[this.length++] = value;
			return this;
		}

		/**
		 * Adds a parameter, unless its value is null or empty, whose name and value the caller
		 * knows to be printable ASCII without quotes or backslashes (ids, timestamps, numbers,
		 * base64, the protocol's own names), so that encoding copies it unscanned. Anything else
		 * must go through {@link #add}: this one would write broken JSON.
		 */
		public Builder addPlain(String name, @Nullable String value) {
			int index = this.length / 2;
			add(name, value);
			if (this.length / 2 > index && index < 64) {
				this.plain |= 1L << index;
			}
			return this;
		}

		/** Whether a parameter of this name was added. */
		public boolean has(String name) {
			for (int i = 0; i < this.length; i += 2) {
				if (this.fields[i].equals(name)) {
					return true;
				}
			}
			return false;
		}

		/** The payload; it takes the builder's array as it is rather than a trimmed copy. */
		public Payload build() {
			this.shared = true;
			return new Payload(this.fields, this.length, this.plain);
		}

	}

}
