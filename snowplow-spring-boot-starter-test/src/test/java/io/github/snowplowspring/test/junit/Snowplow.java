package io.github.snowplowspring.test.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * Single requests to a collector, for checks of what it answers.
 */
final class Snowplow {

	private static final HttpClient client = HttpClient.newHttpClient();

	private Snowplow() {
	}

	/** GETs one page view; returns the status. */
	static int get(URI collector) {
		return send(HttpRequest.newBuilder(URI.create(collector + "/i?e=pv&p=srv&tv=test&eid=" + UUID.randomUUID()))
			.GET()
			.build());
	}

	/** POSTs one page view; returns the status. */
	static int post(URI collector) {
		String body = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\","
				+ "\"data\":[{\"e\":\"pv\",\"p\":\"srv\",\"tv\":\"test\",\"eid\":\"" + UUID.randomUUID() + "\"}]}";
		return send(HttpRequest.newBuilder(URI.create(collector + "/com.snowplowanalytics.snowplow/tp2"))
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private static int send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
