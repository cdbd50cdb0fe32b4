package io.github.snowplowspring.boot.http;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

import io.github.snowplowspring.tracker.http.CollectorUri;
import io.github.snowplowspring.tracker.http.HttpMethod;
import io.github.snowplowspring.tracker.http.RetryAfter;
import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.JsonWireFormat;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.QueryStringWireFormat;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends batches to a Snowplow collector with a Spring {@link RestClient}, so that the
 * application's interceptors, default headers and observations apply. The wire format and the
 * rules are those of the JDK transport: GET {@code /i} one event per request, POST
 * {@code /com.snowplowanalytics.snowplow/tp2}, success is 2xx, a redirect is a failure.
 */
public final class RestClientTransport implements Transport {

	private static final MediaType CONTENT_TYPE = MediaType.parseMediaType("application/json; charset=utf-8");

	private final RestClient client;

	private final HttpMethod method;

	private final URI target;

	private final Map<String, String> headers;

	private final Clock clock;

	/**
	 * Creates a transport. The client must not follow redirects and must have timeouts set.
	 * @param client the client
	 * @param collector where to send
	 * @param method GET or POST
	 * @param headers headers added to every request
	 */
	public RestClientTransport(RestClient client, CollectorUri collector, HttpMethod method,
			Map<String, String> headers) {
		this.client = client;
		this.method = method;
		this.target = collector.uriFor(method);
		this.headers = Map.copyOf(headers);
		this.clock = Clock.systemUTC();
	}

	@Override
	public WireFormat wireFormat() {
		return (this.method == HttpMethod.GET) ? WireFormat.QUERY_STRING : WireFormat.JSON;
	}

	@Override
	public Outcome send(Batch batch) {
		long stm = this.clock.millis();
		try {
			RestClient.RequestHeadersSpec<?> request;
			if (this.method == HttpMethod.GET) {
				if (batch.size() != 1) {
					throw new IllegalArgumentException("a GET request carries exactly one event, got " + batch.size());
				}
				String query = ((QueryStringWireFormat) WireFormat.QUERY_STRING).queryString(batch.events().get(0), stm);
				request = this.client.get().uri(URI.create(this.target + "?" + query));
			}
			else {
				byte[] body = ((JsonWireFormat) WireFormat.JSON).body(batch.events(), stm);
				request = this.client.post().uri(this.target).contentType(CONTENT_TYPE).body(body);
			}
			this.headers.forEach((name, value) -> request.header(name, value));
			return request.exchange((clientRequest, response) -> new Outcome.Response(response.getStatusCode().value(),
					RetryAfter.parse(response.getHeaders().getFirst("Retry-After"), this.clock)));
		}
		catch (RestClientException ex) {
			return new Outcome.Error((ex.getCause() instanceof IOException io) ? io : ex);
		}
	}

	@Override
	public String toString() {
		return "RestClientTransport[" + this.method + " " + this.target + "]";
	}

}
