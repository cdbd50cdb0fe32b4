package io.github.snowplowspring.tracker;

/** The platform an event comes from ({@code p}). */
public enum Platform {

	/** A web page. */
	WEB("web"),
	/** A mobile or tablet app. */
	MOBILE("mob"),
	/** A desktop computer. */
	DESKTOP("pc"),
	/** A server-side application: the default for this tracker. */
	SERVER("srv"),
	/** A general application. */
	APP("app"),
	/** A connected TV. */
	TV("tv"),
	/** A games console. */
	CONSOLE("cnsl"),
	/** An internet-of-things device. */
	IOT("iot");

	private final String code;

	Platform(String code) {
		this.code = code;
	}

	/** The protocol code, e.g. {@code srv}. */
	public String code() {
		return this.code;
	}

	/** The platform for a protocol code ({@code srv}) or an enum name ({@code SERVER}), ignoring case. */
	public static Platform of(String value) {
		for (Platform platform : values()) {
			if (platform.code.equalsIgnoreCase(value) || platform.name().equalsIgnoreCase(value)) {
				return platform;
			}
		}
		throw new IllegalArgumentException(
				"platform '" + value + "' is not one of web, mob, pc, srv, app, tv, cnsl, iot");
	}

}
