package io.github.snowplowspring.iglu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgluResolverTest {

	private static final String TIMING = "iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0";
	private final IgluResolver resolver = IgluResolver.create();

	@Test
	void everyShippedIgluCentralSchemaCompiles() {
		List.of("com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0",
				"com.snowplowanalytics.self-desc/instance-iglu-only/jsonschema/1-0-0",
				"com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/change_form/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1",
				"com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1",
				"com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
				"com.snowplowanalytics.snowplow/remove_from_cart/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/screen_view/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/site_search/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/submit_form/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0",
				"com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0")
				.forEach(path -> assertThat(resolver.resolve("iglu:" + path)).as(path).isPresent());
	}

	@Test
	void everyShippedSchemaIsAValidSelfDescribingSchemaPerTheMetaSchema() throws Exception {
		IgluSchema meta = resolver.resolve("iglu:com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0").orElseThrow();
		Path root = Path.of(getClass().getResource("/iglu/schemas").toURI());
		try (var files = Files.walk(root)) {
			files.filter(Files::isRegularFile).forEach(file -> {
				try {
					assertThat(meta.validate(Files.readString(file)).violations()).as(file.toString()).isEmpty();
				} catch (java.io.IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
		}
	}

	@Test
	void compiledSchemaValidatesDataDirectly() {
		IgluSchema timing = resolver.resolve(TIMING).orElseThrow();

		assertThat(timing.uri()).isEqualTo(IgluUri.parse(TIMING));
		assertThat(timing.validate("{\"category\":\"c\",\"variable\":\"v\",\"timing\":1}").isValid()).isTrue();
		assertThat(timing.validate("{\"category\":\"c\",\"variable\":\"v\",\"timing\":1,\"label\":null}").violations())
				.containsExactly(new Violation("label", "null found, string expected", TIMING));
		assertThat(timing.validate("nope").violations()).extracting(Violation::message).first().asString()
				.startsWith("not JSON");
	}

	@Test
	void unknownSchemaIsEmpty() {
		assertThat(resolver.resolve("iglu:com.acme/unknown/jsonschema/1-0-0")).isEmpty();
	}

	@Test
	void invalidUriIsRejected() {
		assertThatThrownBy(() -> resolver.resolve("iglu:com.acme/unknown/jsonschema/1.0.0"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Not a valid Iglu URI");
	}

	@Test
	void compiledSchemasAreCachedAndSharedAcrossThreads() {
		List<IgluSchema> schemas = IntStream.range(0, 16)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> resolver.resolve(TIMING).orElseThrow()))
				.map(CompletableFuture::join)
				.toList();

		assertThat(schemas).allSatisfy(schema -> assertThat(schema).isSameAs(schemas.get(0)));
	}

	@Test
	void schemaOnTheTestClassPathIsFound() {
		assertThat(resolver.resolve("iglu:com.acme/checkout/jsonschema/1-0-0")).isPresent();
	}

	@Test
	void registeredSchemaTakesPrecedenceOverTheClassPath() {
		IgluResolver custom = IgluResolver.builder()
				.register(TIMING, "{\"type\":\"string\"}")
				.build();

		assertThat(custom.resolve(TIMING).orElseThrow().validate("\"x\"").isValid()).isTrue();
		assertThat(custom.resolve("iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1")).isPresent();
	}

	@Test
	void registeringTwiceOrAnInvalidUriIsRejected() {
		IgluResolver.Builder builder = IgluResolver.builder().register("iglu:com.acme/a/jsonschema/1-0-0", "{}");

		assertThatThrownBy(() -> builder.register("iglu:com.acme/a/jsonschema/1-0-0", "{}"))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> builder.register("com.acme/a/jsonschema/1-0-0", "{}"))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void registeredSchemaThatIsNotJsonOrWhoseSelfBlockDisagreesFailsTheBuild() {
		assertThatThrownBy(() -> IgluResolver.builder().register("iglu:com.acme/a/jsonschema/1-0-0", "{").build())
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("iglu:com.acme/a/jsonschema/1-0-0");
		String self = "{\"self\":{\"vendor\":\"com.acme\",\"name\":\"a\",\"format\":\"jsonschema\",\"version\":\"1-0-1\"}}";
		assertThatThrownBy(() -> IgluResolver.builder().register("iglu:com.acme/a/jsonschema/1-0-0", self).build())
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("self block says iglu:com.acme/a/jsonschema/1-0-1");
	}

	@Test
	void brokenSchemaOnTheClassPathIsReportedAsAViolationByTheValidator(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("iglu/schemas/com.acme/broken/jsonschema/1-0-0");
		Files.createDirectories(file.getParent());
		Files.writeString(file, "{not json");
		try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
			IgluResolver withBroken = IgluResolver.builder().classLoader(loader).build();
			String uri = "iglu:com.acme/broken/jsonschema/1-0-0";

			assertThatThrownBy(() -> withBroken.resolve(uri)).isInstanceOf(IllegalStateException.class);
			assertThat(PayloadValidator.of(withBroken)
					.validateEvent(Payloads.with(Payloads.event("pv"), "co", Payloads.contexts(Payloads.sdj(uri, "{}"))))
					.violations())
					.singleElement()
					.satisfies(v -> assertThat(v.message()).startsWith("cannot use the schema for " + uri));
		}
	}
}
