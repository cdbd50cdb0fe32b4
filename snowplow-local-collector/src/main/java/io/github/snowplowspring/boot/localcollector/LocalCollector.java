package io.github.snowplowspring.boot.localcollector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.snowplowspring.boot.autoconfigure.EmitterRegistry;
import io.github.snowplowspring.boot.autoconfigure.SnowplowLifecycle;
import io.github.snowplowspring.iglu.PayloadValidator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.EnvironmentAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * A collector for development, like Snowplow Micro but in the application: it takes what
 * trackers send ({@code GET /i}, {@code POST /com.snowplowanalytics.snowplow/tp2}) on a port of
 * its own, validates every event against the Iglu schemas, keeps the last ones with what is
 * wrong with them, and shows them as JSON ({@code GET /events}) and as a web page ({@code GET /}).
 *
 * <p>The port is bound when the collector is created, so that it is known, and published as
 * {@value #PORT_PROPERTY}, before the emitters that send to it are made. It serves from
 * {@link #start()}, in a phase before the tracker's ({@link #PHASE}), and keeps serving when the
 * context stops, so that the final flush and what the emitters still send when the
 * {@link EmitterRegistry} closes them both reach it; {@link #close()} stops it, after the
 * registry is destroyed (the registry depends on it). What it received stays readable after.
 */
public class LocalCollector implements SmartLifecycle, EnvironmentAware, AutoCloseable {

	/** Starts before, and stops after, the tracker's lifecycle ({@link SnowplowLifecycle#PHASE}). */
	public static final int PHASE = SnowplowLifecycle.PHASE - 1024;

	/** The property the port is published as, for example in an emitter's endpoint. */
	public static final String PORT_PROPERTY = "local.snowplow-collector.port";

	/** The largest body limit: a body is held in one array. */
	public static final long MAX_BODY_BYTES = 1024L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(LocalCollector.class);

	private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final int THREADS = 4;

	private static final int QUEUED_REQUESTS = 100;

	private final EventStore store;

	private final HttpServer server;

	private final ThreadPoolExecutor executor;

	private final URI uri;

	private final Object monitor = new Object();

	private boolean serving;

	private boolean closed;

	private volatile boolean running;

	/**
	 * Creates a collector and binds its port; it answers once {@link #start() started}.
	 * @param validator what judges the events
	 * @param address the address to listen on; the loopback address when null
	 * @param port the port to listen on; 0 for a free one
	 * @param maxEvents the most events to keep
	 * @param maxBodyBytes the largest POST body to accept, at most {@link #MAX_BODY_BYTES}
	 * @throws UncheckedIOException if the port cannot be bound, for example because it is in use
	 */
	public LocalCollector(PayloadValidator validator, @Nullable InetAddress address, int port, int maxEvents,
			long maxBodyBytes) {
		if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES) {
			throw new IllegalArgumentException(
					"maxBodyBytes must be from 1 to " + MAX_BODY_BYTES + ", was " + maxBodyBytes);
		}
		this.store = new EventStore(maxEvents);
		InetAddress bindAddress = (address != null) ? address : InetAddress.getLoopbackAddress();
		noDelay();
		try {
			this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + bindAddress.getHostAddress() + ":" + port, ex);
		}
		this.uri = uri(bindAddress, this.server.getAddress().getPort());
		this.executor = executor();
		this.server.setExecutor(this.executor);
		this.server.createContext("/",
				new CollectorHandler(new EventReader(validator), this.store, maxBodyBytes, () -> this.uri));
	}

	/**
	 * The port it listens on, also when created with port 0.
	 * @return the port
	 */
	public int port() {
		return this.uri.getPort();
	}

	/**
	 * Its address, for example {@code http://127.0.0.1:9090}: an emitter's endpoint, and where
	 * the page is.
	 * @return the base URI, without a trailing slash
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Every event held, newest first.
	 * @return a snapshot
	 */
	public List<CollectedEvent> events() {
		return this.store.find(null, null);
	}

	/**
	 * The events held that match, newest first; what {@code GET /events?type=&valid=} lists.
	 * @param type only events of this type ({@code e}), or {@value CollectorSummary#NO_TYPE} for
	 * those without one; any when null
	 * @param valid only good ({@code true}) or only bad ({@code false}) events; both when null
	 * @return a snapshot
	 */
	public List<CollectedEvent> events(@Nullable String type, @Nullable Boolean valid) {
		return this.store.find(type, valid);
	}

	/**
	 * Counts of what it received since it started or was last reset.
	 * @return a snapshot
	 */
	public CollectorSummary summary() {
		return this.store.summary();
	}

	/**
	 * Forgets every event and count, as {@code DELETE /events} does.
	 */
	public void reset() {
		this.store.clear();
	}

	@Override
	public void setEnvironment(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			// As Boot publishes local.server.port: resolvable in ${...} by every bean made after this one.
			MutablePropertySources sources = configurable.getPropertySources();
			sources.remove("snowplowLocalCollector");
			sources.addFirst(new MapPropertySource("snowplowLocalCollector", Map.of(PORT_PROPERTY, port())));
		}
	}

	/**
	 * Starts answering requests; does nothing when it already does.
	 * @throws IllegalStateException if it was closed
	 */
	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.closed) {
				throw new IllegalStateException("The local collector on " + this.uri + " is closed");
			}
			if (!this.serving) {
				startServer();
				this.serving = true;
				logger.info("Local Snowplow collector listening on {}: events at {}/ and {}{}", this.uri, this.uri,
						this.uri, CollectorHandler.EVENTS_PATH);
			}
			this.running = true;
		}
	}

	/**
	 * Marks it stopped but keeps it answering, so that the emitters can still deliver when the
	 * context closes them after every lifecycle has stopped; {@link #close()} stops it.
	 */
	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** A paused context (as the test framework pauses cached ones) keeps receiving events. */
	@Override
	public boolean isPauseable() {
		return false;
	}

	/**
	 * Stops answering and releases the port and threads; what it received stays readable. A
	 * second call does nothing.
	 */
	@Override
	public void close() {
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.running = false;
			if (!this.serving) {
				// The JDK server releases its socket on its dispatcher thread only: a server never
				// started (a context that failed to start) would keep the port bound.
				startServer();
			}
			// No delay: the emitters are closed by now, and the JDK 17 server would wait out any delay.
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

	@Override
	public String toString() {
		return "LocalCollector[" + this.uri + "]";
	}

	/**
	 * Starts the JDK server from a daemon thread, whose daemon status its dispatcher thread
	 * inherits: like the other threads of the tracker, it must not keep the JVM alive, so that an
	 * application without a web server still ends, and closes its context, when its work is done.
	 */
	private void startServer() {
		Thread starter = new Thread(this.server::start, "snowplow-local-collector-start");
		starter.setDaemon(true);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the local collector", ex);
		}
	}

	/**
	 * Sets TCP_NODELAY on the JDK server's connections, which it offers only as a system property
	 * read once, when the JVM's first server is made; unless the application already chose. The
	 * server writes a response's headers and body separately, so without it every answer with a
	 * body waits for the client's delayed ACK, about 40 ms: a GET emitter would send 25 events a
	 * second.
	 */
	private static void noDelay() {
		if (System.getProperty(NO_DELAY_PROPERTY) == null) {
			System.setProperty(NO_DELAY_PROPERTY, "true");
		}
	}

	private static URI uri(InetAddress address, int port) {
		InetAddress reachable = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
		String host = reachable.getHostAddress();
		if (reachable instanceof Inet6Address) {
			// Without the scope (%lo), which a URI cannot hold.
			host = "[" + host.replaceFirst("%.*", "") + "]";
		}
		return URI.create("http://" + host + ":" + port);
	}

	// Few requests at a time: a tracker's sender threads, and a person reading the page.
	private static ThreadPoolExecutor executor() {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(QUEUED_REQUESTS), (task) -> {
					Thread thread = new Thread(task, "snowplow-local-collector-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.CallerRunsPolicy());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
