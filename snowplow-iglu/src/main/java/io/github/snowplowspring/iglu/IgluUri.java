package io.github.snowplowspring.iglu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Iglu schema URI, {@code iglu:<vendor>/<name>/<format>/<model>-<revision>-<addition>}.
 *
 * @param vendor  the vendor, e.g. {@code com.snowplowanalytics.snowplow}
 * @param name    the schema name, e.g. {@code timing}
 * @param format  the schema format, normally {@code jsonschema}
 * @param version the SchemaVer version, e.g. {@code 1-0-0}
 */
public record IgluUri(String vendor, String name, String format, String version) {

	// The pattern of com.snowplowanalytics.self-desc/instance-iglu-only/jsonschema/1-0-0, with groups.
	// Used with matches(), so "$" cannot accept a trailing line break.
	private static final Pattern PATTERN = Pattern.compile(
			"^iglu:([a-zA-Z0-9-_.]+)/([a-zA-Z0-9-_]+)/([a-zA-Z0-9-_]+)/([0-9]+-[0-9]+-[0-9]+)$");

	/**
	 * Creates a URI from its parts.
	 *
	 * @throws IllegalArgumentException if the parts do not form a valid Iglu URI
	 */
	public IgluUri {
		if (!PATTERN.matcher("iglu:" + vendor + "/" + name + "/" + format + "/" + version).matches()) {
			throw new IllegalArgumentException("Not a valid Iglu URI: iglu:" + vendor + "/" + name + "/"
					+ format + "/" + version);
		}
	}

	/**
	 * Parses an Iglu URI.
	 *
	 * @param uri the URI, e.g. {@code iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0}
	 * @return the parsed URI
	 * @throws IllegalArgumentException if {@code uri} does not match the Iglu URI pattern
	 */
	public static IgluUri parse(String uri) {
		Matcher m = PATTERN.matcher(uri);
		if (!m.matches()) {
			throw new IllegalArgumentException("Not a valid Iglu URI: " + uri);
		}
		return new IgluUri(m.group(1), m.group(2), m.group(3), m.group(4));
	}

	/**
	 * Tells whether a string is a valid Iglu URI.
	 *
	 * @param uri the string to test
	 * @return {@code true} if {@link #parse(String)} would accept it
	 */
	public static boolean isValid(String uri) {
		return PATTERN.matcher(uri).matches();
	}

	/**
	 * The path of the schema in an Iglu repository, as used under {@code iglu/schemas/} on the class path.
	 *
	 * @return {@code <vendor>/<name>/<format>/<version>}
	 */
	public String path() {
		return vendor + "/" + name + "/" + format + "/" + version;
	}

	/** Returns the URI text, {@code iglu:<vendor>/<name>/<format>/<version>}. */
	@Override
	public String toString() {
		return "iglu:" + path();
	}
}
