package io.github.snowplowspring.boot.autoconfigure;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.http.CollectorUri;
import io.github.snowplowspring.tracker.http.HttpTransport;
import io.github.snowplowspring.tracker.transport.Transport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds {@code sync} and {@code async} emitters: the Python {@code Emitter} and
 * {@code AsyncEmitter}, sending to a collector over HTTP.
 */
final class HttpEmitterFactory implements EmitterFactory {

	static final Duration DEFAULT_ASYNC_FLUSH_INTERVAL = Duration.ofSeconds(5);

	private final @Nullable SslBundles sslBundles;

	private final @Nullable RestClientTransportFactory restClientTransports;

	private final List<SnowplowHttpTransportCustomizer> customizers;

	HttpEmitterFactory(@Nullable SslBundles sslBundles, @Nullable RestClientTransportFactory restClientTransports,
			List<SnowplowHttpTransportCustomizer> customizers) {
		this.sslBundles = sslBundles;
		this.restClientTransports = restClientTransports;
		this.customizers = List.copyOf(customizers);
	}

	@Override
	public boolean supports(String type) {
		return "sync".equals(type) || "async".equals(type);
	}

	@Override
	public Emitter create(String name, SnowplowProperties.EmitterProperties properties, EmitterContext context) {
		boolean async = "async".equals(properties.getType());
		Transport transport = transport(name, properties);
		return context.configure(name, properties, transport, async, async ? DEFAULT_ASYNC_FLUSH_INTERVAL : null)
			.build();
	}

	/**
	 * A synchronous emitter for one worker thread: the emitter's transport, byte limit, retry
	 * policy and listeners, with the worker's batch size, no timer and no scheduler of its own.
	 */
	static io.github.snowplowspring.tracker.emitter.BatchEmitter workerEmitter(String name,
			SnowplowProperties.EmitterProperties properties, EmitterContext context, int batchSize,
			Transport transport) {
		return context.configure(name, properties, new SharedTransport(transport), false, null)
			.bufferSize(batchSize)
			.flushInterval(Duration.ZERO)
			.scheduler(null)
			.build();
	}

	/** A transport shared by many worker emitters: closing one of them leaves it open. */
	private record SharedTransport(Transport transport) implements Transport {

		@Override
		public io.github.snowplowspring.tracker.transport.WireFormat wireFormat() {
			return this.transport.wireFormat();
		}

		@Override
		public io.github.snowplowspring.tracker.transport.Outcome send(
				io.github.snowplowspring.tracker.transport.Batch batch) {
			return this.transport.send(batch);
		}

		@Override
		public void close() {
			// closed with the registry
		}

	}

	/** The transport of an HTTP emitter, also used by workers that send to it. */
	Transport transport(String name, SnowplowProperties.EmitterProperties properties) {
		String prefix = "snowplow.emitters." + name + ".";
		CollectorUri collector = collectorUri(prefix, properties);
		Duration connectTimeout = EmitterContext.positive(prefix + "connect-timeout", properties.getConnectTimeout());
		Duration requestTimeout = EmitterContext.positive(prefix + "request-timeout", properties.getRequestTimeout());
		SSLContext sslContext = sslContext(prefix, properties.getSslBundle());
		ProxySelector proxy = proxy(prefix, properties.getProxy());
		if (properties.getClient() == SnowplowProperties.Client.REST_CLIENT) {
			if (this.restClientTransports == null) {
				throw new InvalidSnowplowConfigurationException(prefix + "client", "rest-client",
						"Spring's RestClient is not on the class path",
						"Add spring-boot-starter-restclient, or set client to jdk.");
			}
			HttpClient.Builder client = HttpClient.newBuilder()
				.connectTimeout(connectTimeout)
				.followRedirects(HttpClient.Redirect.NEVER);
			if ("http".equals(collector.base().getScheme())) {
				client.version(HttpClient.Version.HTTP_1_1);
			}
			if (proxy != null) {
				client.proxy(proxy);
			}
			if (sslContext != null) {
				client.sslContext(sslContext);
			}
			return this.restClientTransports.create(name, collector, properties.getMethod(), properties, client.build(),
					requestTimeout);
		}
		HttpTransport.Builder builder = HttpTransport.builder(collector)
			.method(properties.getMethod())
			.connectTimeout(connectTimeout)
			.requestTimeout(requestTimeout)
			.proxy(proxy)
			.sslContext(sslContext);
		properties.getHeaders().forEach(builder::header);
		for (SnowplowHttpTransportCustomizer customizer : this.customizers) {
			customizer.customize(name, builder);
		}
		return builder.build();
	}

	private static CollectorUri collectorUri(String prefix, SnowplowProperties.EmitterProperties properties) {
		String endpoint = properties.getEndpoint();
		if (endpoint == null || endpoint.isBlank()) {
			throw new InvalidSnowplowConfigurationException(prefix + "endpoint", null,
					"an " + properties.getType() + " emitter needs the collector's address",
					"Set " + prefix + "endpoint to a host such as collector.example.com or a URL such as "
							+ "https://collector.example.com.");
		}
		try {
			return CollectorUri.of(endpoint, properties.getProtocol(), properties.getPort());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSnowplowConfigurationException(prefix + "endpoint", endpoint, ex.getMessage(),
					"Set " + prefix + "endpoint to a host such as collector.example.com or a URL such as "
							+ "https://collector.example.com, with protocol http or https and a port that agrees.",
					ex);
		}
	}

	private @Nullable SSLContext sslContext(String prefix, @Nullable String bundle) {
		if (bundle == null) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new InvalidSnowplowConfigurationException(prefix + "ssl-bundle", bundle, "no SslBundles bean exists",
					"Configure the bundle under spring.ssl.bundle, with Spring Boot's SSL auto-configuration.");
		}
		try {
			return this.sslBundles.getBundle(bundle).createSslContext();
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidSnowplowConfigurationException(prefix + "ssl-bundle", bundle, "no SSL bundle of that name",
					"Configure it under spring.ssl.bundle.jks." + bundle + " or spring.ssl.bundle.pem." + bundle
							+ ", or fix the name.",
					ex);
		}
	}

	private static @Nullable ProxySelector proxy(String prefix, @Nullable URI proxy) {
		if (proxy == null) {
			return null;
		}
		if (proxy.getHost() == null) {
			throw new InvalidSnowplowConfigurationException(prefix + "proxy", proxy, "no host",
					"Set " + prefix + "proxy to a URL such as http://proxy.internal:3128.");
		}
		int port = (proxy.getPort() != -1) ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
		return ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), port));
	}

}
