package io.github.snowplowspring.testcollector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A Snowplow collector stand-in on {@code 127.0.0.1}: it accepts {@code GET <basePath>/i} and
 * {@code POST <basePath>/com.snowplowanalytics.snowplow/tp2}, records every request and the events it
 * carried, and answers from a script.
 *
 * <p>Events count as received only when the answer is 2xx, or for the ambiguous faults
 * {@link Response#recordThenClose()} and {@link Response#recordThenHang(Duration)}; every event must
 * have a UUID {@code eid}, its identity. Requests that are not valid Snowplow requests get 400 (with
 * the reason in the body), unknown paths 404, oversized bodies 413 (see
 * {@link #rejectBodiesLargerThan(int)}); none of these consume the script.
 *
 * <pre>{@code
 * try (LoopbackCollector collector = LoopbackCollector.start()) {
 *     collector.respond(Response.status(503), Response.status(429).header("Retry-After", "1"));
 *     // point the tracker at collector.uri(), track, flush...
 *     collector.awaitUniqueEvents(10, Duration.ofSeconds(5));
 *     assertThat(collector.duplicates()).isZero();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Its threads are daemons named {@code loopback-collector-<port>-*}; {@link #close()}
 * ends them all.
 */
public final class LoopbackCollector implements AutoCloseable {

	private final String basePath;
	private final int workerThreads;
	private final Recorder recorder;
	private final ResponseScript script = new ResponseScript();
	private final SnowplowEndpoint endpoint;
	private final AtomicLong connectionIds = new AtomicLong();
	private final int port;
	private @Nullable LoopbackServer server; // guarded by this
	private boolean closed; // guarded by this

	private LoopbackCollector(Builder builder) {
		this.basePath = builder.basePath;
		this.workerThreads = builder.workerThreads;
		this.recorder = new Recorder(builder.retainRequests);
		this.endpoint = new SnowplowEndpoint(basePath, script, recorder);
		this.server = bind(builder.port);
		this.port = server.port();
	}

	/**
	 * Starts a collector with the defaults: an ephemeral port, no base path.
	 *
	 * @return the running collector
	 */
	public static LoopbackCollector start() {
		return builder().start();
	}

	/**
	 * A builder for a collector with options.
	 *
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The collector URL to give a tracker: {@code http://127.0.0.1:<port><basePath>}.
	 *
	 * @return the base URI, without a trailing slash
	 */
	public URI uri() {
		return URI.create("http://127.0.0.1:" + port + basePath);
	}

	/**
	 * The port, the same across {@link #restart()}.
	 *
	 * @return the TCP port
	 */
	public int port() {
		return port;
	}

	/**
	 * Whether the collector accepts connections now.
	 *
	 * @return {@code false} after {@link #stop()} or {@link #close()}
	 */
	public synchronized boolean isRunning() {
		return server != null;
	}

	/**
	 * Simulates an outage: closes the port (connections are refused) and all open connections.
	 * Records and script are kept; {@link #restart()} comes back on the same port.
	 */
	public synchronized void stop() {
		if (server != null) {
			server.stop();
			server = null;
		}
	}

	/**
	 * Comes back on the same port after {@link #stop()} (or stops and starts again if running).
	 *
	 * @throws IllegalStateException if the collector was closed
	 * @throws UncheckedIOException if the port was taken meanwhile
	 */
	public synchronized void restart() {
		if (closed) {
			throw new IllegalStateException("the collector on port " + port + " is closed");
		}
		stop();
		server = bind(port);
	}

	/** Stops for good: the port is closed and every collector thread has ended. Idempotent. */
	@Override
	public synchronized void close() {
		closed = true;
		stop();
	}

	/**
	 * Queues answers for the next requests, in order; when they are used up, the hook (if any) and
	 * then the default answer apply.
	 *
	 * @param responses one per request
	 */
	public void respond(Response... responses) {
		script.enqueue(List.of(responses));
	}

	/**
	 * Sets a script that decides the answer of every request once the queued answers are used up.
	 * It is called one request at a time, in arrival order; returning {@code null} means the default
	 * answer. Use {@link Response#delay(Duration)} rather than sleeping in it.
	 *
	 * @param script the request's answer, from the request (its {@code status()} is still
	 *     {@link RecordedRequest#NO_RESPONSE})
	 */
	public void respond(Function<RecordedRequest, @Nullable Response> script) {
		this.script.setHook(script);
	}

	/**
	 * Sets the answer used when neither queued answers nor a script decide; initially {@link Response#ok()}.
	 *
	 * @param response the default answer
	 */
	public void setDefaultResponse(Response response) {
		script.setFallback(response);
	}

	/**
	 * Answers 413 to every POST whose body on the wire (after de-chunking, before gunzip) is larger
	 * than {@code bytes}, until {@link #reset()}. Such a request does not consume the script.
	 *
	 * @param bytes the largest accepted body size
	 */
	public void rejectBodiesLargerThan(int bytes) {
		if (bytes < 0) {
			throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
		}
		script.setMaxBodyBytes(bytes);
	}

	/** Forgets every record and the whole script: queued answers, script hook, default answer and size limit. */
	public void reset() {
		script.clear();
		recorder.clear();
	}

	/**
	 * Every request read, in the order they were answered (or faulted).
	 *
	 * @return a snapshot; empty if the collector was built with {@code retainRequests(false)}
	 */
	public List<RecordedRequest> requests() {
		return recorder.requests();
	}

	/**
	 * The received events, in arrival order, duplicates included.
	 *
	 * @return a snapshot; empty if the collector was built with {@code retainRequests(false)}
	 */
	public List<Map<String, String>> events() {
		return recorder.events();
	}

	/**
	 * The {@code eid} of each received event, in arrival order, duplicates included.
	 *
	 * @return a snapshot; empty if the collector was built with {@code retainRequests(false)}
	 */
	public List<String> eventIds() {
		return recorder.eventIds();
	}

	/**
	 * How many times an event was received.
	 *
	 * @param eid the event id
	 * @return 0 if never
	 */
	public int receivedCount(String eid) {
		return recorder.receivedCount(eid);
	}

	/**
	 * The distinct ids of the received events, in order of first arrival.
	 *
	 * @return a snapshot
	 */
	public Set<String> uniqueEventIds() {
		return recorder.uniqueEventIds();
	}

	/**
	 * Received events beyond the first of each id.
	 *
	 * @return total received minus unique
	 */
	public long duplicates() {
		return recorder.stats().duplicates();
	}

	/**
	 * Counts of requests, received and unique events, and requests per status.
	 *
	 * @return a snapshot
	 */
	public CollectorStats stats() {
		return recorder.stats();
	}

	/**
	 * Waits until at least {@code n} requests were answered or faulted.
	 *
	 * @param n the number of requests
	 * @param timeout how long to wait
	 * @return the requests so far
	 * @throws AssertionError naming how many arrived, if fewer than {@code n} did in time
	 */
	public List<RecordedRequest> awaitRequests(int n, Duration timeout) {
		return recorder.awaitRequests(n, timeout);
	}

	/**
	 * Waits until at least {@code n} events were received, duplicates included.
	 *
	 * @param n the number of events
	 * @param timeout how long to wait
	 * @return the received events so far
	 * @throws AssertionError naming how many arrived, if fewer than {@code n} did in time
	 */
	public List<Map<String, String>> awaitEvents(int n, Duration timeout) {
		return recorder.awaitEvents(n, timeout);
	}

	/**
	 * Waits until at least {@code n} distinct events were received: the right wait for a ledger
	 * check when duplicates are allowed.
	 *
	 * @param n the number of distinct event ids
	 * @param timeout how long to wait
	 * @return the distinct event ids so far
	 * @throws AssertionError naming how many arrived, if fewer than {@code n} did in time
	 */
	public Set<String> awaitUniqueEvents(int n, Duration timeout) {
		return recorder.awaitUniqueEvents(n, timeout);
	}

	@Override
	public String toString() {
		return "LoopbackCollector[" + uri() + ", " + stats() + "]";
	}

	private LoopbackServer bind(int port) {
		try {
			return LoopbackServer.start(port, workerThreads, endpoint, connectionIds);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
		}
	}

	/** Options for a {@link LoopbackCollector}. */
	public static final class Builder {

		private String basePath = "";
		private int port;
		private int workerThreads = 4;
		private boolean retainRequests = true;

		private Builder() {
		}

		/**
		 * A path prefix for both endpoints, e.g. {@code /collector}; default none.
		 *
		 * @param basePath empty, or a path starting with {@code /} (a trailing {@code /} is dropped)
		 * @return this builder
		 */
		public Builder basePath(String basePath) {
			String trimmed = basePath.replaceAll("/+$", "");
			if (!trimmed.isEmpty() && (!trimmed.startsWith("/") || trimmed.contains("?") || trimmed.contains("#"))) {
				throw new IllegalArgumentException("basePath must be empty or a path like /collector, got '" + basePath + "'");
			}
			this.basePath = trimmed;
			return this;
		}

		/**
		 * The port to listen on; default 0, an ephemeral port.
		 *
		 * @param port 0..65535
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65_535) {
				throw new IllegalArgumentException("port must be within 0..65535, got " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Threads that read and answer requests; default 4. Idle connections, delays and hangs hold none.
		 *
		 * @param workerThreads at least 1
		 * @return this builder
		 */
		public Builder workerThreads(int workerThreads) {
			if (workerThreads < 1) {
				throw new IllegalArgumentException("workerThreads must be at least 1, got " + workerThreads);
			}
			this.workerThreads = workerThreads;
			return this;
		}

		/**
		 * Whether to keep every request and event (default), or only the counts and event ids, for
		 * long benchmark runs.
		 *
		 * @param retainRequests {@code false} to keep counts only
		 * @return this builder
		 */
		public Builder retainRequests(boolean retainRequests) {
			this.retainRequests = retainRequests;
			return this;
		}

		/**
		 * Binds the port and starts serving.
		 *
		 * @return the running collector
		 * @throws UncheckedIOException if the port cannot be bound
		 */
		public LoopbackCollector start() {
			return new LoopbackCollector(this);
		}
	}
}
