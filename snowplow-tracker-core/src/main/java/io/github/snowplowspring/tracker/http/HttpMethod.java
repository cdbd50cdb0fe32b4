package io.github.snowplowspring.tracker.http;

/** How events reach the collector. */
public enum HttpMethod {

	/** One request per event to {@code /i}, the event in the query string. */
	GET,

	/** Batches of events in one JSON body to {@code /com.snowplowanalytics.snowplow/tp2}. */
	POST;

	/** The method for a name, ignoring case. */
	public static HttpMethod of(String name) {
		for (HttpMethod method : values()) {
			if (method.name().equalsIgnoreCase(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException("method '" + name + "' is not one of get, post");
	}

}
