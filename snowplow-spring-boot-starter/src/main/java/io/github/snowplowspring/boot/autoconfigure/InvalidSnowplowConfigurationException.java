package io.github.snowplowspring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A Snowplow property that cannot work, found at startup. Its failure analysis names the
 * property, says what is wrong with it, and how to fix it.
 */
public class InvalidSnowplowConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String action;

	/**
	 * Creates a new instance.
	 * @param property the property, for example {@code snowplow.namespace}
	 * @param value its value, or null when it is missing
	 * @param reason what is wrong
	 * @param action how to fix it
	 */
	public InvalidSnowplowConfigurationException(String property, @Nullable Object value, String reason,
			String action) {
		this(property, value, reason, action, null);
	}

	/**
	 * Creates a new instance with a cause.
	 * @param property the property, for example {@code snowplow.namespace}
	 * @param value its value, or null when it is missing
	 * @param reason what is wrong
	 * @param action how to fix it
	 * @param cause the underlying error
	 */
	public InvalidSnowplowConfigurationException(String property, @Nullable Object value, String reason,
			String action, @Nullable Throwable cause) {
		super("Invalid Snowplow configuration: " + property + ((value != null) ? " = '" + value + "'" : "") + ": "
				+ reason, cause);
		this.property = property;
		this.value = value;
		this.action = action;
	}

	/** The property that is wrong. */
	public String getProperty() {
		return this.property;
	}

	/** Its value, or null when it is missing. */
	public @Nullable Object getValue() {
		return this.value;
	}

	/** How to fix it. */
	public String getAction() {
		return this.action;
	}

}
