package io.github.snowplowspring.iglu;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the schema for an Iglu URI and compiles it.
 *
 * <p>Looks first at schemas {@linkplain Builder#register(String, String) registered} on the builder, then on
 * the class path at {@code iglu/schemas/<vendor>/<name>/<format>/<version>}. This module ships the Iglu Central
 * schemas there; any other jar or test-resources folder can add its own under the same path. When two class
 * path entries hold the same path, the first one wins, as for any class path resource.
 *
 * <p>Schemas are treated as JSON Schema draft-04, as Iglu requires: their {@code $schema} entry (an
 * iglucentral.com URL that cannot be fetched offline) is dropped and their {@code self} block is checked
 * against the URI, then ignored by the validator.
 *
 * <p>Immutable and thread-safe; compiled schemas are cached, so share one instance.
 */
public final class IgluResolver {

	/** The class path folder schemas are looked up under. */
	public static final String CLASS_PATH_ROOT = "iglu/schemas/";

	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
	private final ClassLoader classLoader;
	private final Map<IgluUri, IgluSchema> registered;
	// Misses are cached too, so an unknown URI is looked up on the class path only once.
	private final ConcurrentMap<IgluUri, Optional<IgluSchema>> fromClassPath = new ConcurrentHashMap<>();

	private IgluResolver(Builder builder) {
		this.classLoader = builder.classLoader != null ? builder.classLoader : defaultClassLoader();
		Map<IgluUri, IgluSchema> compiled = new LinkedHashMap<>();
		builder.schemas.forEach((uri, json) -> {
			try {
				compiled.put(uri, compile(uri, json));
			} catch (RuntimeException e) {
				throw new IllegalArgumentException("Registered schema " + uri + " is not usable: " + Json.reason(e), e);
			}
		});
		this.registered = Map.copyOf(compiled);
	}

	/**
	 * A resolver of the schemas on the class path of the current thread's context class loader.
	 *
	 * @return a new resolver
	 */
	public static IgluResolver create() {
		return builder().build();
	}

	/**
	 * Starts building a resolver.
	 *
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Finds and compiles the schema for an Iglu URI.
	 *
	 * @param igluUri e.g. {@code iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0}
	 * @return the schema, or empty when neither registered nor on the class path
	 * @throws IllegalArgumentException if {@code igluUri} is not a valid Iglu URI
	 * @throws IllegalStateException    if the schema file exists but is not a usable JSON Schema
	 */
	public Optional<IgluSchema> resolve(String igluUri) {
		return resolve(IgluUri.parse(igluUri));
	}

	/**
	 * Finds and compiles the schema for an Iglu URI.
	 *
	 * @param uri the schema's URI
	 * @return the schema, or empty when neither registered nor on the class path
	 * @throws IllegalStateException if the schema file exists but is not a usable JSON Schema
	 */
	public Optional<IgluSchema> resolve(IgluUri uri) {
		IgluSchema schema = registered.get(uri);
		return schema != null ? Optional.of(schema) : fromClassPath.computeIfAbsent(uri, this::loadFromClassPath);
	}

	private Optional<IgluSchema> loadFromClassPath(IgluUri uri) {
		URL url = classLoader.getResource(CLASS_PATH_ROOT + uri.path());
		if (url == null) {
			return Optional.empty();
		}
		try (InputStream in = url.openStream()) {
			return Optional.of(compile(uri, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read schema " + uri + " from " + url, e);
		} catch (RuntimeException e) {
			throw new IllegalStateException("Schema " + uri + " at " + url + " is not usable: " + Json.reason(e), e);
		}
	}

	private IgluSchema compile(IgluUri uri, String json) {
		JsonNode node = Json.parse(json);
		if (!(node instanceof ObjectNode schemaNode)) {
			throw new IllegalArgumentException("a schema must be a JSON object");
		}
		checkSelf(uri, schemaNode.get("self"));
		// The iglucentral.com meta-schema URL would make the validator try to load an unknown dialect.
		schemaNode.remove("$schema");
		Schema schema = registry.getSchema(schemaNode);
		schema.initializeValidators(); // eagerly, so later concurrent validations share a finished schema
		return new IgluSchema(uri, schema);
	}

	// A self block that names another schema means the file is in the wrong place or registered under the wrong URI.
	private static void checkSelf(IgluUri uri, @Nullable JsonNode self) {
		if (self == null) {
			return;
		}
		String declared = "iglu:" + self.path("vendor").asString("") + "/" + self.path("name").asString("") + "/"
				+ self.path("format").asString("") + "/" + self.path("version").asString("");
		if (!declared.equals(uri.toString())) {
			throw new IllegalArgumentException("its self block says " + declared + ", not " + uri);
		}
	}

	private static ClassLoader defaultClassLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return context != null ? context : IgluResolver.class.getClassLoader();
	}

	@Override
	public String toString() {
		return "IgluResolver[registered=" + registered.keySet() + ", classPath=" + CLASS_PATH_ROOT + "]";
	}

	/** Builds an {@link IgluResolver}. Not thread-safe; the resolver it builds is. */
	public static final class Builder {

		private final Map<IgluUri, String> schemas = new LinkedHashMap<>();
		private @Nullable ClassLoader classLoader;

		private Builder() {
		}

		/**
		 * Adds a schema that is not on the class path. It takes precedence over a class path schema with the same URI.
		 *
		 * @param igluUri    the schema's URI, e.g. {@code iglu:com.acme/checkout/jsonschema/1-0-0}
		 * @param schemaJson the JSON Schema (draft-04) text; a {@code self} block, if any, must match {@code igluUri}
		 * @return this builder
		 * @throws IllegalArgumentException if the URI is invalid or already registered; an unusable schema is
		 *                                  reported by {@link #build()}
		 */
		public Builder register(String igluUri, String schemaJson) {
			IgluUri uri = IgluUri.parse(igluUri);
			if (schemas.putIfAbsent(uri, schemaJson) != null) {
				throw new IllegalArgumentException("Schema " + uri + " is already registered");
			}
			return this;
		}

		/**
		 * Sets the class loader to find {@code iglu/schemas/...} resources with. Default: the context class loader
		 * of the thread that calls {@link #build()}, else the one that loaded this class.
		 *
		 * @param classLoader the class loader
		 * @return this builder
		 */
		public Builder classLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Builds the resolver, compiling the registered schemas.
		 *
		 * @return a new resolver
		 * @throws IllegalArgumentException if a registered schema is not valid JSON, not an object, or its
		 *                                  {@code self} block names another URI
		 */
		public IgluResolver build() {
			return new IgluResolver(this);
		}
	}
}
