package io.github.snowplowspring.tracker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.snowplowspring.tracker.context.ContextProvider;
import io.github.snowplowspring.tracker.context.EventFilter;
import io.github.snowplowspring.tracker.context.SubjectProvider;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.FlushResult;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.payload.DataSerializer;
import io.github.snowplowspring.tracker.payload.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks events: validates them, builds their protocol payloads and hands each payload to every
 * emitter. Thread-safe. {@link #track(Event)} does no I/O itself; only a synchronous emitter
 * sends on the caller's thread.
 *
 * <pre>{@code
 * Tracker tracker = Tracker.builder("shop")
 *     .appId("shop-web")
 *     .emitter(BatchEmitter.builder(HttpTransport.builder("collector.example.com").build()).build())
 *     .build();
 * String eventId = tracker.track(PageView.builder("https://shop.example.com/").build());
 * }</pre>
 */
public final class Tracker implements AutoCloseable {

	/** The tracker version sent as {@code tv}: {@code spring-<version>}. */
	public static final String VERSION = "spring-" + projectVersion();

	private static final Logger logger = LoggerFactory.getLogger(Tracker.class);

	private final String namespace;

	private final @Nullable String appId;

	private final Platform platform;

	private final boolean base64;

	private final @Nullable Subject subject;

	private final List<Route> routes;

	private final List<ContextProvider> contextProviders;

	private final @Nullable SubjectProvider subjectProvider;

	private final PayloadFactory payloads;

	private Tracker(Builder builder) {
		this.namespace = builder.namespace;
		this.appId = builder.appId;
		this.platform = builder.platform;
		this.base64 = builder.base64;
		this.subject = builder.subject;
		this.routes = new CopyOnWriteArrayList<>(builder.routes);
		this.contextProviders = List.copyOf(builder.contextProviders);
		this.subjectProvider = builder.subjectProvider;
		this.payloads = new PayloadFactory(VERSION, this.namespace, this.appId, this.platform, this.base64,
				builder.clock, builder.dataSerializer);
	}

	/**
	 * Starts a tracker with the given namespace ({@code tna}).
	 * @param namespace the tracker namespace; must not be blank or contain {@code :} or {@code ;}
	 * @return a builder
	 */
	public static Builder builder(String namespace) {
		return new Builder(namespace);
	}

	/**
	 * Tracks an event: builds its payloads and hands them to every emitter.
	 * @param event the event
	 * @return the event id ({@code eid}); for a transaction, the id of the transaction event
	 * (each item is its own event with its own id)
	 * @throws IllegalArgumentException when the event cannot be turned into a payload (data
	 * that cannot be serialized); nothing is then handed to any emitter
	 */
	public String track(Event event) {
		Objects.requireNonNull(event, "event must not be null");
		List<Payload> built = this.payloads.create(event, currentSubject(), providedContexts(event));
		for (Route route : this.routes) {
			if (accepts(route, event)) {
				for (Payload payload : built) {
					accept(route.emitter(), payload);
				}
			}
		}
		return Objects.requireNonNull(built.get(0).eventId());
	}

	private @Nullable Subject currentSubject() {
		if (this.subjectProvider == null) {
			return this.subject;
		}
		Subject current;
		try {
			current = this.subjectProvider.currentSubject();
		}
		catch (RuntimeException ex) {
			logger.warn("Subject provider {} failed; tracking with the tracker's subject", this.subjectProvider, ex);
			return this.subject;
		}
		return (current != null) ? current.mergedOver(this.subject) : this.subject;
	}

	private List<SelfDescribingJson> providedContexts(Event event) {
		if (this.contextProviders.isEmpty()) {
			return List.of();
		}
		List<SelfDescribingJson> contexts = new ArrayList<>();
		for (ContextProvider provider : this.contextProviders) {
			try {
				contexts.addAll(provider.contexts(event));
			}
			catch (RuntimeException ex) {
				logger.warn("Context provider {} failed; the event is tracked without its entities", provider, ex);
			}
		}
		return contexts;
	}

	private static boolean accepts(Route route, Event event) {
		try {
			return route.filter().accepts(event);
		}
		catch (RuntimeException ex) {
			logger.warn("Event filter of emitter {} failed; the event goes to it", route.emitter(), ex);
			return true;
		}
	}

	private static void accept(Emitter emitter, Payload payload) {
		try {
			emitter.accept(payload);
		}
		catch (RuntimeException ex) {
			// One emitter's fault must not stop the others or reach the caller.
			logger.error("Emitter {} failed to accept event {}", emitter, payload.eventId(), ex);
		}
	}

	/** Adds an emitter; events tracked from now on go to it too. */
	public void addEmitter(Emitter emitter) {
		addEmitter(emitter, EventFilter.ALL);
	}

	/** Adds an emitter that receives only the events the filter accepts. */
	public void addEmitter(Emitter emitter, EventFilter filter) {
		this.routes.add(new Route(emitter, filter));
	}

	/** The emitters events go to. */
	public List<Emitter> emitters() {
		List<Emitter> emitters = new ArrayList<>(this.routes.size());
		this.routes.forEach((route) -> emitters.add(route.emitter()));
		return emitters;
	}

	/**
	 * Asks every emitter to send what it has buffered, without waiting (the Python
	 * {@code flush(is_async=True)}). A synchronous emitter sends on this thread.
	 */
	public void flush() {
		for (Emitter emitter : emitters()) {
			emitter.flush();
		}
	}

	/**
	 * Sends what every emitter has buffered and waits, at most {@code timeout} in all (the Python
	 * blocking {@code flush()}).
	 * @param timeout how long to wait at most
	 * @return the sum over all emitters of what was sent, dropped and left pending
	 */
	public FlushResult flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		FlushResult total = FlushResult.EMPTY;
		for (Emitter emitter : emitters()) {
			Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			total = total.plus(emitter.flush(remaining));
		}
		return total;
	}

	/** Closes every emitter: each delivers what it can within its deadline and stops its threads. */
	@Override
	public void close() {
		for (Emitter emitter : emitters()) {
			try {
				emitter.close();
			}
			catch (RuntimeException ex) {
				logger.error("Emitter {} failed to close", emitter, ex);
			}
		}
	}

	/** The namespace ({@code tna}). */
	public String namespace() {
		return this.namespace;
	}

	/** The application id ({@code aid}), or null. */
	public @Nullable String appId() {
		return this.appId;
	}

	/** The platform ({@code p}). */
	public Platform platform() {
		return this.platform;
	}

	/** Whether JSON parameters are sent base64-encoded ({@code cx}, {@code ue_px}). */
	public boolean base64() {
		return this.base64;
	}

	/** The default subject of every event, or null. */
	public @Nullable Subject subject() {
		return this.subject;
	}

	private static String projectVersion() {
		try (InputStream in = Tracker.class.getResourceAsStream("version.properties")) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An emitter and the events it receives. */
	private record Route(Emitter emitter, EventFilter filter) {

		Route {
			Objects.requireNonNull(emitter, "emitter must not be null");
			Objects.requireNonNull(filter, "filter must not be null");
		}

	}

	/** Builds a {@link Tracker}. */
	public static final class Builder {

		private final String namespace;

		private @Nullable String appId;

		private Platform platform = Platform.SERVER;

		private boolean base64 = true;

		private @Nullable Subject subject;

		private final List<Route> routes = new ArrayList<>();

		private final List<ContextProvider> contextProviders = new ArrayList<>();

		private @Nullable SubjectProvider subjectProvider;

		private DataSerializer dataSerializer = DataSerializer.DEFAULT;

		private Clock clock = Clock.systemUTC();

		Builder(String namespace) {
			if (namespace == null || namespace.isBlank()) {
				throw new IllegalArgumentException("namespace is required and must not be blank");
			}
			if (namespace.contains(":") || namespace.contains(";")) {
				throw new IllegalArgumentException("namespace must not contain ':' or ';', was '" + namespace + "'");
			}
			this.namespace = namespace;
		}

		/** Sets the application id ({@code aid}). */
		public Builder appId(@Nullable String appId) {
			this.appId = appId;
			return this;
		}

		/** Sets the platform ({@code p}), default {@code srv}. */
		public Builder platform(Platform platform) {
			this.platform = Objects.requireNonNull(platform, "platform must not be null");
			return this;
		}

		/** Whether to base64-encode JSON parameters, default true (URL-safe alphabet). */
		public Builder base64(boolean base64) {
			this.base64 = base64;
			return this;
		}

		/** Sets the default subject of every event. */
		public Builder subject(@Nullable Subject subject) {
			this.subject = subject;
			return this;
		}

		/** Adds emitters; every event goes to each. */
		public Builder emitter(Emitter... emitters) {
			return emitters(Arrays.asList(emitters));
		}

		/** Adds emitters; every event goes to each. */
		public Builder emitters(List<? extends Emitter> emitters) {
			for (Emitter emitter : emitters) {
				this.routes.add(new Route(emitter, EventFilter.ALL));
			}
			return this;
		}

		/** Adds an emitter that receives only the events the filter accepts (routing). */
		public Builder emitter(Emitter emitter, EventFilter filter) {
			this.routes.add(new Route(emitter, filter));
			return this;
		}

		/** Adds providers of context entities for every event. */
		public Builder contextProvider(ContextProvider... providers) {
			for (ContextProvider provider : providers) {
				this.contextProviders.add(Objects.requireNonNull(provider, "context provider must not be null"));
			}
			return this;
		}

		/** Sets where the subject of the moment (a web request, say) comes from. */
		public Builder subjectProvider(@Nullable SubjectProvider subjectProvider) {
			this.subjectProvider = subjectProvider;
			return this;
		}

		/** Sets how self-describing data and context entities are written as JSON. */
		public Builder dataSerializer(DataSerializer dataSerializer) {
			this.dataSerializer = Objects.requireNonNull(dataSerializer, "dataSerializer must not be null");
			return this;
		}

		/** The clock that stamps {@code dtm}, for tests. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		public Tracker build() {
			return new Tracker(this);
		}

	}

}
