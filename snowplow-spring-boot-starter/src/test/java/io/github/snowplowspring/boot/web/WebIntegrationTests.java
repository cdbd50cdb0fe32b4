package io.github.snowplowspring.boot.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The web integration over real HTTP, behind a proxy that Tomcat trusts. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "snowplow.namespace=web-test", "snowplow.web.page-views=/pages/**",
				"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
				"management.health.redis.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class WebIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebTestApplication.Captured captured;

	@Autowired
	private WebTestApplication.OrderService orders;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void clear() {
		this.captured.payloads.clear();
	}

	@Test
	void behindATrustedProxyTheForwardedAddressIsTheSubjectsIp() throws Exception {
		send(HttpRequest.newBuilder(uri("/hello"))
			.header("X-Forwarded-For", "203.0.113.9")
			.header("User-Agent", "TestBrowser/1.0")
			.header("Accept-Language", "fr-FR")
			.GET());
		assertThat(only().toMap()).containsEntry("ip", "203.0.113.9")
			.containsEntry("ua", "TestBrowser/1.0")
			.containsEntry("lang", "fr-FR");
	}

	@Test
	void matchingGetRequestsAreTrackedAsPageViews() throws Exception {
		send(HttpRequest.newBuilder(uri("/pages/home?x=1")).header("Referer", "https://search.example/").GET());
		send(HttpRequest.newBuilder(uri("/hello")).GET());
		Payload pageView = this.captured.payloads.stream().filter((payload) -> "pv".equals(payload.get("e"))).findFirst()
			.orElseThrow();
		assertThat(pageView.get("url")).isEqualTo("http://localhost:" + this.port + "/pages/home?x=1");
		assertThat(pageView.get("refr")).isEqualTo("https://search.example/");
		assertThat(this.captured.payloads).filteredOn((payload) -> "pv".equals(payload.get("e"))).hasSize(1);
	}

	@Test
	void theAnnotationOnAControllerTracksWhenTheMethodReturns() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/orders/o-7")).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.captured.payloads).anySatisfy((payload) -> assertThat(payload.toMap()).containsEntry("e", "se")
			.containsEntry("se_ca", "order")
			.containsEntry("se_ac", "placed")
			.containsEntry("se_la", "o-7")
			.containsEntry("se_va", "42.5"));
		// The service's own annotation tracked too, with the request as its subject.
		assertThat(this.captured.payloads).anySatisfy((payload) -> {
			assertThat(payload.get("e")).isEqualTo("ue");
			assertThat(decode(payload.get("ue_px"))).contains("\"schema\":\"iglu:com.acme/order/jsonschema/1-0-0\"")
				.contains("\"data\":{\"id\":\"o-7\",\"total\":42.5}");
			assertThat(payload.get("ip")).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void anExpressionThatFailsIsReportedAndTheResultIsUnchanged(CapturedOutput output) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/broken")).GET());
		assertThat(response.body()).isEqualTo("still here");
		assertThat(this.orders.failing(new WebTestApplication.Order("o-1", 1))).isEqualTo("result o-1");
		assertThat(this.captured.payloads).isEmpty();
		assertThat(output).contains("@TrackEvent on ShopController.broken tracked nothing: label = \"#missing.name\" failed")
			.contains("@TrackEvent on OrderService.failing tracked nothing: data id = \"#order.unknownProperty\" failed");
	}

	@Test
	void outsideARequestThereIsNoRequestSubject() {
		this.orders.total(new WebTestApplication.Order("o-2", 3));
		assertThat(only().get("ip")).isNull();
	}

	private Payload only() {
		assertThat(this.captured.payloads).hasSize(1);
		return this.captured.payloads.get(0);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	static String decode(String base64) {
		return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
	}

}
