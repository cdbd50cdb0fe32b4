package io.github.snowplowspring.tracker.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CollectorUriTest {

	@Test
	void aBareHostGetsHttpsAndTheProtocolPaths() {
		CollectorUri uri = CollectorUri.of("collector.example.com");
		assertThat(uri.base()).hasToString("https://collector.example.com");
		assertThat(uri.getUri()).hasToString("https://collector.example.com/i");
		assertThat(uri.postUri()).hasToString("https://collector.example.com/com.snowplowanalytics.snowplow/tp2");
	}

	@Test
	void protocolAndPortApplyToABareHost() {
		assertThat(CollectorUri.of("collector.example.com", "http", 8080).base())
			.hasToString("http://collector.example.com:8080");
		assertThat(CollectorUri.of("collector.example.com", "HTTPS", null).base())
			.hasToString("https://collector.example.com");
	}

	@Test
	void aSchemeInTheUrlWinsOverTheProtocol() {
		assertThat(CollectorUri.of("http://collector.example.com", "https", null).base())
			.hasToString("http://collector.example.com");
	}

	@Test
	void trailingSlashesAreStrippedAndABasePathKept() {
		CollectorUri uri = CollectorUri.of("https://example.com/snowplow///");
		assertThat(uri.base()).hasToString("https://example.com/snowplow");
		assertThat(uri.postUri()).hasToString("https://example.com/snowplow/com.snowplowanalytics.snowplow/tp2");
		assertThat(CollectorUri.of("example.com/").getUri()).hasToString("https://example.com/i");
	}

	@Test
	void aPortInTheUrlMayBeRepeatedButNotContradicted() {
		assertThat(CollectorUri.of("http://localhost:9090", null, 9090).base()).hasToString("http://localhost:9090");
		assertThat(CollectorUri.of("localhost:9090").base()).hasToString("https://localhost:9090");
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of("http://localhost:9090", null, 8080))
			.withMessageContaining("has port 9090 but port is set to 8080");
	}

	@Test
	void badEndpointsAreRejectedSayingWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of(" ")).withMessageContaining("endpoint is required");
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of("ftp://example.com"))
			.withMessageContaining("scheme 'ftp'");
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of("example.com", "tcp", null))
			.withMessageContaining("protocol is scheme 'tcp'");
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of("example.com", null, 70000))
			.withMessageContaining("port must be between 1 and 65535");
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of("https://example.com/x?key=1"))
			.withMessageContaining("must not have a query");
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of("https://user:pw@example.com"))
			.withMessageContaining("user info");
		assertThatIllegalArgumentException().isThrownBy(() -> CollectorUri.of("exa mple.com"))
			.withMessageContaining("'exa mple.com'");
	}

}
