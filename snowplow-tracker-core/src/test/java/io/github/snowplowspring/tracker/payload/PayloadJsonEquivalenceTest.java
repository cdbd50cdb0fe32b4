package io.github.snowplowspring.tracker.payload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The hand-written flat-object writer must produce what Jackson's generator did, byte for byte,
 * on any input: random Unicode with quotes, backslashes, control characters, characters of one to
 * four UTF-8 bytes, and lone surrogates. Seeded, so that a failure repeats.
 */
class PayloadJsonEquivalenceTest {

	private static final JsonMapper JACKSON = JsonMapper.builder().build();

	private static final char[] TRICKY = { '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0, 1, 0x1F, 0x7F, 0x80, 0xE9,
			0x7FF, 0x800, 0x20AC, 0x2028, 0xFFFF, 0xD83D, 0xDE00, 0xDBFF, 0xDC00, '<', '&' };

	@Test
	void writesWhatJacksonWritesForArbitraryStrings() {
		Random random = new Random(20261204);
		for (int n = 0; n < 100_000; n++) {
			String[] fields = randomFields(random);
			assertThat(PayloadJson.writeFlatObject(fields, fields.length, 0)).as("fields %s", List.of(fields))
				.isEqualTo(jackson(fields));
		}
	}

	@Test
	void plainParametersAreCopiedAsJacksonWouldWriteThem() {
		Random random = new Random(7);
		for (int n = 0; n < 10_000; n++) {
			Payload.Builder builder = Payload.builder(4);
			List<String> fields = new ArrayList<>();
			for (int i = 0; i < 1 + random.nextInt(30); i++) {
				String name = "p" + i;
				String value = random.nextBoolean() ? plainValue(random) : randomString(random);
				if (value.isEmpty()) {
					continue;
				}
				if (random.nextBoolean() && value.chars().allMatch((c) -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\')) {
					builder.addPlain(name, value);
				}
				else {
					builder.add(name, value);
				}
				fields.add(name);
				fields.add(value);
			}
			Payload payload = builder.build();
			String[] expected = fields.toArray(String[]::new);
			assertThat(payload.toJson()).isEqualTo(jackson(expected));
			if (!fields.isEmpty()) {
				// Replacing a plain value with one that needs escaping must escape it.
				Payload replaced = payload.with(fields.get(0), "a\"b\\c\n");
				expected[1] = "a\"b\\c\n";
				assertThat(replaced.toJson()).isEqualTo(jackson(expected));
			}
		}
	}

	@Test
	void aBuilderKeepsWorkingAfterBuild() {
		Payload.Builder builder = Payload.builder(1).addPlain("e", "pv");
		Payload first = builder.build();
		Payload second = builder.add("url", "https://example.com/?q=\"x\"").build();
		assertThat(first.toMap()).containsExactly(entry("e", "pv"));
		assertThat(new String(second.toJson(), StandardCharsets.UTF_8))
			.isEqualTo("{\"e\":\"pv\",\"url\":\"https://example.com/?q=\\\"x\\\"\"}");
	}

	private static String[] randomFields(Random random) {
		String[] fields = new String[random.nextInt(6) * 2];
		for (int i = 0; i < fields.length; i++) {
			fields[i] = randomString(random);
		}
		return fields;
	}

	private static String randomString(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(16);
		for (int i = 0; i < length; i++) {
			switch (random.nextInt(4)) {
				case 0 -> text.append(TRICKY[random.nextInt(TRICKY.length)]);
				case 1 -> text.append((char) random.nextInt(0x10000));
				case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
				default -> text.append((char) ('a' + random.nextInt(26)));
			}
		}
		return text.toString();
	}

	private static String plainValue(Random random) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 1 + random.nextInt(40); i++) {
			text.append((char) (0x20 + random.nextInt(0x5F)));
		}
		return text.toString();
	}

	private static byte[] jackson(String[] fields) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = JACKSON.createGenerator(out)) {
			generator.writeStartObject();
			for (int i = 0; i < fields.length; i += 2) {
				generator.writeStringProperty(fields[i], fields[i + 1]);
			}
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

}
