package io.github.snowplowspring.test;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of event the tracker sends, by their {@code e} parameter.
 */
public enum EventType {

	/** A page view, {@code e=pv}. */
	PAGE_VIEW("pv", "page view"),

	/** A page ping, {@code e=pp}. */
	PAGE_PING("pp", "page ping"),

	/** A structured event, {@code e=se}. */
	STRUCTURED("se", "structured event"),

	/** A self-describing event, {@code e=ue}: screen views and timings too. */
	SELF_DESCRIBING("ue", "self-describing event"),

	/** An ecommerce transaction, {@code e=tr}. */
	TRANSACTION("tr", "transaction"),

	/** One item of an ecommerce transaction, {@code e=ti}. */
	TRANSACTION_ITEM("ti", "transaction item");

	private final String code;

	private final String description;

	EventType(String code, String description) {
		this.code = code;
		this.description = description;
	}

	/** The value of the {@code e} parameter. */
	public String code() {
		return this.code;
	}

	/** What the event is called in assertion messages, such as {@code page view}. */
	public String description() {
		return this.description;
	}

	/**
	 * The event type of an {@code e} parameter.
	 * @param code the value of {@code e}
	 * @return the type, or null for a code the tracker does not send
	 */
	public static @Nullable EventType of(String code) {
		for (EventType type : values()) {
			if (type.code.equals(code)) {
				return type;
			}
		}
		return null;
	}

}
