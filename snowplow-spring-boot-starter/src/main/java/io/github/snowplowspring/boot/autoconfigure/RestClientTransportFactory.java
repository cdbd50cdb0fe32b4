package io.github.snowplowspring.boot.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;

import io.github.snowplowspring.tracker.http.CollectorUri;
import io.github.snowplowspring.tracker.http.HttpMethod;
import io.github.snowplowspring.tracker.transport.Transport;

/**
 * Builds {@code client: rest-client} transports; present only when Spring's {@code RestClient}
 * is on the class path, so that nothing else needs spring-web.
 */
@FunctionalInterface
interface RestClientTransportFactory {

	/**
	 * A transport on a copy of the application's {@code RestClient.Builder}.
	 * @param emitterName the emitter's name, for the error message
	 * @param collector where to send
	 * @param method GET or POST
	 * @param properties the emitter's properties (headers)
	 * @param httpClient a JDK client with our connect timeout, proxy, TLS and no redirects
	 * @param requestTimeout the time to wait for an answer
	 * @return the transport
	 */
	Transport create(String emitterName, CollectorUri collector, HttpMethod method,
			SnowplowProperties.EmitterProperties properties, HttpClient httpClient, Duration requestTimeout);

}
