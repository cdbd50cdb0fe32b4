package io.github.snowplowspring.boot.autoconfigure;

import io.github.snowplowspring.boot.http.RestClientTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * {@code client: rest-client}: transports on a copy of the application's
 * {@code RestClient.Builder}, with our timeouts, proxy, TLS and no-redirect policy on that copy.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RestClient.class)
class RestClientTransportConfiguration {

	@Bean
	RestClientTransportFactory snowplowRestClientTransportFactory(ObjectProvider<RestClient.Builder> builders) {
		return (emitterName, collector, method, properties, httpClient, requestTimeout) -> {
			RestClient.Builder builder = builders.getIfAvailable();
			if (builder == null) {
				throw new InvalidSnowplowConfigurationException("snowplow.emitters." + emitterName + ".client",
						"rest-client", "no RestClient.Builder bean exists",
						"Add spring-boot-starter-restclient (Spring Boot's RestClient auto-configuration) "
								+ "or define a RestClient.Builder bean; or set client to jdk.");
			}
			JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
			requestFactory.setReadTimeout(requestTimeout);
			RestClient client = builder.clone().requestFactory(requestFactory).build();
			return new RestClientTransport(client, collector, method, properties.getHeaders());
		};
	}

}
