package io.github.snowplowspring.tracker.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a collector listens, built from an endpoint that is a host ({@code collector.example.com})
 * or a full URL ({@code https://example.com:8443/snowplow}), a protocol and a port, by these
 * rules: a scheme in the URL wins over the protocol (default https); trailing slashes are
 * stripped and a base path kept; a port given both in the URL and separately must agree.
 *
 * @param base the collector's base URI, without a trailing slash
 */
public record CollectorUri(URI base) {

	/** The path of GET requests, below the base. */
	public static final String GET_PATH = "/i";

	/** The path of POST requests, below the base. */
	public static final String POST_PATH = "/com.snowplowanalytics.snowplow/tp2";

	/**
	 * The collector URI for an endpoint with the default protocol (https) and port.
	 * @param endpoint a host or a full URL
	 * @return the collector URI
	 */
	public static CollectorUri of(String endpoint) {
		return of(endpoint, null, null);
	}

	/**
	 * The collector URI for an endpoint, protocol and port.
	 * @param endpoint a host or a full URL
	 * @param protocol {@code http} or {@code https}; null for https, ignored when the endpoint has a scheme
	 * @param port the port; null for the URL's port or the protocol's default
	 * @return the collector URI
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static CollectorUri of(String endpoint, @Nullable String protocol, @Nullable Integer port) {
		if (endpoint == null || endpoint.isBlank()) {
			throw new IllegalArgumentException("endpoint is required: a host or a URL such as https://collector.example.com");
		}
		String trimmed = endpoint.trim();
		String scheme;
		String rest;
		int separator = trimmed.indexOf("://");
		if (separator >= 0) {
			scheme = trimmed.substring(0, separator).toLowerCase(Locale.ROOT);
			rest = trimmed.substring(separator + 3);
		}
		else {
			scheme = (protocol != null) ? protocol.toLowerCase(Locale.ROOT) : "https";
			rest = trimmed;
		}
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException((separator >= 0 ? "endpoint '" + endpoint + "' has" : "protocol is")
					+ " scheme '" + scheme + "'; use http or https");
		}
		while (rest.endsWith("/")) {
			rest = rest.substring(0, rest.length() - 1);
		}
		URI parsed;
		try {
			parsed = new URI(scheme + "://" + rest);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a valid host or URL: " + ex.getMessage(), ex);
		}
		if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
			throw new IllegalArgumentException("endpoint '" + endpoint + "' has no host");
		}
		if (parsed.getRawQuery() != null || parsed.getRawFragment() != null || parsed.getRawUserInfo() != null) {
			throw new IllegalArgumentException(
					"endpoint '" + endpoint + "' must not have a query, fragment or user info; use headers for credentials");
		}
		int urlPort = parsed.getPort();
		if (port != null) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
			}
			if (urlPort != -1 && urlPort != port) {
				throw new IllegalArgumentException(
						"endpoint '" + endpoint + "' has port " + urlPort + " but port is set to " + port + "; give one");
			}
			urlPort = port;
		}
		try {
			URI base = new URI(scheme, null, parsed.getHost(), urlPort, parsed.getPath(), null, null);
			return new CollectorUri(base);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a valid URL: " + ex.getMessage(), ex);
		}
	}

	/** The URI of GET requests, without the query. */
	public URI getUri() {
		return URI.create(this.base + GET_PATH);
	}

	/** The URI of POST requests. */
	public URI postUri() {
		return URI.create(this.base + POST_PATH);
	}

	/** The URI that requests of this method go to (GET without its query). */
	public URI uriFor(HttpMethod method) {
		return (method == HttpMethod.GET) ? getUri() : postUri();
	}

	@Override
	public String toString() {
		return this.base.toString();
	}

}
