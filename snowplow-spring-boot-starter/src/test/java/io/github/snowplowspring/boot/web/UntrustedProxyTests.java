package io.github.snowplowspring.boot.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy that Tomcat does not trust (loopback is not an internal proxy here), a forged
 * {@code X-Forwarded-For} is ignored; with the request subject off, events carry no request data.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "snowplow.namespace=web-test", "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1", "management.health.redis.enabled=false" })
class UntrustedProxyTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebTestApplication.Captured captured;

	@Test
	void aForgedForwardedAddressIsIgnored() throws Exception {
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/hello"))
				.header("X-Forwarded-For", "203.0.113.9")
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(this.captured.payloads).singleElement()
			.satisfies((payload) -> assertThat(payload.get("ip")).isEqualTo("127.0.0.1"));
	}

}
