package io.github.snowplowspring.tracker.http;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.github.snowplowspring.tracker.transport.Batch;
import io.github.snowplowspring.tracker.transport.JsonWireFormat;
import io.github.snowplowspring.tracker.transport.Outcome;
import io.github.snowplowspring.tracker.transport.QueryStringWireFormat;
import io.github.snowplowspring.tracker.transport.Transport;
import io.github.snowplowspring.tracker.transport.WireFormat;
import org.jspecify.annotations.Nullable;

/**
 * Sends batches to a Snowplow collector with the JDK {@link HttpClient}: GET {@code /i} with one
 * event per request, or POST {@code /com.snowplowanalytics.snowplow/tp2} with a
 * {@code payload_data} body. Success is a 2xx answer; redirects are not followed; connect and
 * request timeouts are always set.
 */
public final class HttpTransport implements Transport {

	private static final String CONTENT_TYPE = "application/json; charset=utf-8";

	private final CollectorUri collector;

	private final HttpMethod method;

	private final URI target;

	private final Duration requestTimeout;

	private final Map<String, String> headers;

	private final HttpClient client;

	private final boolean ownsClient;

	private final Clock clock;

	private final HttpClient.Version version;

	private HttpTransport(Builder builder) {
		this.collector = builder.collector;
		this.method = builder.method;
		this.target = this.collector.uriFor(this.method);
		this.requestTimeout = builder.requestTimeout;
		this.headers = Map.copyOf(builder.headers);
		this.clock = builder.clock;
		// Plain http stays on HTTP/1.1: an h2c upgrade attempt confuses some collectors and proxies.
		this.version = "https".equals(this.collector.base().getScheme()) ? HttpClient.Version.HTTP_2
				: HttpClient.Version.HTTP_1_1;
		if (builder.client != null) {
			this.client = builder.client;
			this.ownsClient = false;
		}
		else {
			HttpClient.Builder client = HttpClient.newBuilder()
				.connectTimeout(builder.connectTimeout)
				.followRedirects(HttpClient.Redirect.NEVER);
			if (builder.proxy != null) {
				client.proxy(builder.proxy);
			}
			if (builder.sslContext != null) {
				client.sslContext(builder.sslContext);
			}
			this.client = client.build();
			this.ownsClient = true;
		}
	}

	/** A transport to a collector given as a host or a full URL, POST by default. */
	public static Builder builder(String endpoint) {
		return builder(CollectorUri.of(endpoint));
	}

	/** A transport to the given collector, POST by default. */
	public static Builder builder(CollectorUri collector) {
		return new Builder(collector);
	}

	/** The collector this transport sends to. */
	public CollectorUri collector() {
		return this.collector;
	}

	/** GET or POST. */
	public HttpMethod method() {
		return this.method;
	}

	@Override
	public WireFormat wireFormat() {
		return (this.method == HttpMethod.GET) ? WireFormat.QUERY_STRING : WireFormat.JSON;
	}

	@Override
	public Outcome send(Batch batch) {
		long stm = this.clock.millis();
		HttpRequest.Builder request = HttpRequest.newBuilder().timeout(this.requestTimeout).version(this.version);
		this.headers.forEach(request::header);
		if (this.method == HttpMethod.GET) {
			if (batch.size() != 1) {
				throw new IllegalArgumentException("a GET request carries exactly one event, got " + batch.size());
			}
			String query = ((QueryStringWireFormat) WireFormat.QUERY_STRING).queryString(batch.events().get(0), stm);
			request.uri(URI.create(this.target + "?" + query)).GET();
		}
		else {
			byte[] body = ((JsonWireFormat) WireFormat.JSON).body(batch.events(), stm);
			request.uri(this.target)
				.header("Content-Type", CONTENT_TYPE)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		}
		try {
			HttpResponse<Void> response = this.client.send(request.build(), HttpResponse.BodyHandlers.discarding());
			return new Outcome.Response(response.statusCode(),
					RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), this.clock));
		}
		catch (IOException ex) {
			return new Outcome.Error(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome.Error(ex);
		}
	}

	@Override
	public void close() {
		// HttpClient is AutoCloseable from JDK 21; on 17 its daemon selector thread ends when collected.
		if (this.ownsClient && this.client instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing is best effort
			}
		}
	}

	@Override
	public String toString() {
		return "HttpTransport[" + this.method + " " + this.target + "]";
	}

	/** Builds an {@link HttpTransport}. */
	public static final class Builder {

		private final CollectorUri collector;

		private HttpMethod method = HttpMethod.POST;

		private Duration connectTimeout = Duration.ofSeconds(2);

		private Duration requestTimeout = Duration.ofSeconds(5);

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable ProxySelector proxy;

		private @Nullable SSLContext sslContext;

		private @Nullable HttpClient client;

		private Clock clock = Clock.systemUTC();

		Builder(CollectorUri collector) {
			this.collector = Objects.requireNonNull(collector, "collector");
		}

		/** GET (one event per request) or POST (batches), default POST. */
		public Builder method(HttpMethod method) {
			this.method = Objects.requireNonNull(method, "method");
			return this;
		}

		/** How long to wait for a connection, default 2s. */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/** How long to wait for the answer to a request, default 5s. */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		/** Adds a header to every request, for example an API key. */
		public Builder header(String name, String value) {
			this.headers.put(Objects.requireNonNull(name, "header name"),
					Objects.requireNonNull(value, () -> "value of header " + name));
			return this;
		}

		/** Sends through a proxy. */
		public Builder proxy(@Nullable ProxySelector proxy) {
			this.proxy = proxy;
			return this;
		}

		/** Uses this TLS context, for example from a Spring Boot SSL bundle. */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Sends with a client of the caller's; connect timeout, proxy, TLS and redirect policy are
		 * then the client's own, and closing the transport leaves it open.
		 */
		public Builder client(@Nullable HttpClient client) {
			this.client = client;
			return this;
		}

		/** The clock that stamps {@code stm}, for tests. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		public HttpTransport build() {
			return new HttpTransport(this);
		}

		private static Duration positive(Duration value, String name) {
			if (value == null || value.isZero() || value.isNegative()) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
			return value;
		}

	}

}
