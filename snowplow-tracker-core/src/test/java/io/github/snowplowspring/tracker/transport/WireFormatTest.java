package io.github.snowplowspring.tracker.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.payload.Payload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatTest {

	private static final long STM = 1_796_385_600_789L;

	@Test
	void postBodySizeIsExactlyWhatRequestBytesPredicts() {
		JsonWireFormat format = (JsonWireFormat) WireFormat.JSON;
		List<EncodedEvent> events = new ArrayList<>();
		long eventBytes = 0;
		for (int i = 0; i < 5; i++) {
			byte[] bytes = format.encode(payload(i));
			events.add(new EncodedEvent("id-" + i, bytes));
			eventBytes += bytes.length;
			byte[] body = format.body(events, STM);
			assertThat(body.length).isEqualTo(format.requestBytes(events.size(), eventBytes));
		}
	}

	@Test
	void postBodySplicesStmIntoEachEventWithoutReencoding() {
		JsonWireFormat format = (JsonWireFormat) WireFormat.JSON;
		byte[] body = format.body(List.of(new EncodedEvent("a", format.encode(payload(1)))), STM);
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
				"{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":["
						+ "{\"stm\":\"1796385600789\",\"e\":\"pv\",\"eid\":\"id-1\",\"url\":\"https://a.example/\\\"q\\\"?x=é&y=1\"}]}");
	}

	@Test
	void jsonAndQueryStringFormsDecodeBackToThePayload() {
		Payload payload = payload(3);
		assertThat(WireFormat.JSON.decode(WireFormat.JSON.encode(payload))).isEqualTo(payload);
		assertThat(WireFormat.QUERY_STRING.decode(WireFormat.QUERY_STRING.encode(payload))).isEqualTo(payload);
	}

	@Test
	void queryStringEncodesSpacesAsPercent20AndPrefixesStm() {
		QueryStringWireFormat format = (QueryStringWireFormat) WireFormat.QUERY_STRING;
		byte[] bytes = format.encode(Payload.of(Map.of("url", "https://a.example/a b+c")));
		String query = format.queryString(new EncodedEvent("a", bytes), STM);
		assertThat(query).isEqualTo("stm=1796385600789&url=https%3A%2F%2Fa.example%2Fa%20b%2Bc");
		assertThat(query.length()).isEqualTo(format.requestBytes(1, bytes.length));
	}

	private static Payload payload(int i) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("e", "pv");
		fields.put("eid", "id-" + i);
		fields.put("url", "https://a.example/\"q\"?x=é&y=" + "1".repeat(i));
		return Payload.of(fields);
	}

}
