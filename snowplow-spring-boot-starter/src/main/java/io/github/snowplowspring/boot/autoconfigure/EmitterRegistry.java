package io.github.snowplowspring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.snowplowspring.tracker.context.EventFilter;
import io.github.snowplowspring.tracker.emitter.BatchEmitter;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.emitter.FlushResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The emitters of the application, by name: those configured under {@code snowplow.emitters}
 * and every {@link Emitter} bean of the application, under its bean name. The tracker sends to
 * them; the actuator endpoint reads and flushes them; closing the context closes the configured
 * ones and releases their threads.
 */
public class EmitterRegistry implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(EmitterRegistry.class);

	private final Map<String, Registered> emitters;

	private final List<AutoCloseable> resources;

	private final ApplicationEventPublisher publisher;

	private final Map<String, SendTarget> sendTargets;

	private final Map<String, Duration> pausedTimers = new LinkedHashMap<>();

	EmitterRegistry(Map<String, Registered> emitters, Map<String, SendTarget> sendTargets,
			List<AutoCloseable> resources, ApplicationEventPublisher publisher) {
		this.emitters = Collections.unmodifiableMap(new LinkedHashMap<>(emitters));
		this.sendTargets = Map.copyOf(sendTargets);
		this.resources = List.copyOf(resources);
		this.publisher = publisher;
	}

	/**
	 * A new synchronous emitter for a worker thread, sending with the transport, byte limit, 413
	 * splitting, retry policy and listeners of the emitter named in {@code snowplow.worker.send-to}
	 * (which is not attached to the tracker and runs no buffer, thread or timer of its own).
	 * @param name the send-to emitter's name
	 * @param batchSize the most events the worker sends at once
	 * @return a new emitter, owned by the caller; or null when no emitter of that name is a send-to target
	 */
	public @Nullable BatchEmitter newWorkerEmitter(String name, int batchSize) {
		SendTarget target = this.sendTargets.get(name);
		return (target != null) ? target.emitters().apply(batchSize) : null;
	}

	/** The names of the emitters that only workers send with. */
	public Set<String> sendTargets() {
		return this.sendTargets.keySet();
	}

	/** Every emitter by name, configured ones first. */
	public Map<String, Emitter> emitters() {
		Map<String, Emitter> all = new LinkedHashMap<>();
		this.emitters.forEach((name, registered) -> all.put(name, registered.emitter()));
		return all;
	}

	/** The names of every emitter. */
	public Set<String> names() {
		return this.emitters.keySet();
	}

	/** The emitter of this name, or null. */
	public @Nullable Emitter get(String name) {
		Registered registered = this.emitters.get(name);
		return (registered != null) ? registered.emitter() : null;
	}

	/** The type of the emitter of this name ({@code sync}, {@code async}, ..., or {@code custom} for a bean), or null. */
	public @Nullable String type(String name) {
		Registered registered = this.emitters.get(name);
		return (registered != null) ? registered.type() : null;
	}

	/** The emitters tracked events go to. */
	public List<Emitter> trackerEmitters() {
		List<Emitter> attached = new ArrayList<>();
		for (Registered registered : this.emitters.values()) {
			if (registered.attached()) {
				attached.add(registered.emitter());
			}
		}
		return attached;
	}

	/** Which events the emitter of this name receives ({@code snowplow.emitters.<name>.route}). */
	public EventFilter filter(String name) {
		Registered registered = this.emitters.get(name);
		return (registered != null) ? registered.filter() : EventFilter.ALL;
	}

	/**
	 * Flushes one emitter and waits at most {@code timeout}; publishes a {@link SnowplowFlushEvent}.
	 * @param name the emitter's name
	 * @param timeout how long to wait at most
	 * @return what the flush sent, dropped and left, or null for an unknown name
	 */
	public @Nullable FlushResult flush(String name, Duration timeout) {
		Registered registered = this.emitters.get(name);
		if (registered == null) {
			return null;
		}
		Map<String, FlushResult> results = inParallel(Map.of(name, registered.emitter()), timeout,
				(emitter) -> emitter.flush(timeout));
		this.publisher.publishEvent(new SnowplowFlushEvent(this, results));
		return results.get(name);
	}

	/**
	 * Flushes every emitter at once and waits at most {@code timeout} in all; publishes a
	 * {@link SnowplowFlushEvent}.
	 * @param timeout how long to wait at most
	 * @return what each flush sent, dropped and left, by name
	 */
	public Map<String, FlushResult> flushAll(Duration timeout) {
		Map<String, FlushResult> results = inParallel(emitters(), timeout, (emitter) -> emitter.flush(timeout));
		this.publisher.publishEvent(new SnowplowFlushEvent(this, results));
		return results;
	}

	/** Stops the flush timers of the configured emitters, remembering them for {@link #resumeTimers()}. */
	synchronized void pauseTimers() {
		this.emitters.forEach((name, registered) -> {
			if (registered.emitter() instanceof BatchEmitter emitter && emitter.flushInterval() != null) {
				this.pausedTimers.put(name, emitter.flushInterval());
				emitter.cancelFlushInterval();
			}
		});
	}

	/** Sets again the flush timers that {@link #pauseTimers()} stopped. */
	synchronized void resumeTimers() {
		this.pausedTimers.forEach((name, interval) -> this.emitters.get(name).emitter().setFlushInterval(interval));
		this.pausedTimers.clear();
	}

	/** Closes the configured emitters at once (each within its close timeout), then their threads. */
	@Override
	public void destroy() {
		Map<String, Emitter> owned = new LinkedHashMap<>();
		this.emitters.forEach((name, registered) -> {
			if (registered.owned()) {
				owned.put(name, registered.emitter());
			}
		});
		inParallel(owned, Duration.ofMinutes(1), (emitter) -> {
			emitter.close();
			return FlushResult.EMPTY;
		});
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("Failed to release {}", resource, ex);
			}
		}
	}

	/** Runs an action on every emitter at once, each on a short-lived thread, waiting at most the timeout plus a grace. */
	private static Map<String, FlushResult> inParallel(Map<String, Emitter> emitters, Duration timeout,
			Function<Emitter, FlushResult> action) {
		Map<String, CompletableFuture<FlushResult>> futures = new LinkedHashMap<>();
		emitters.forEach((name, emitter) -> {
			CompletableFuture<FlushResult> future = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				try {
					future.complete(action.apply(emitter));
				}
				catch (RuntimeException ex) {
					future.completeExceptionally(ex);
				}
			}, "snowplow-" + name + "-flush");
			thread.setDaemon(true);
			thread.start();
			futures.put(name, future);
		});
		long deadline = System.nanoTime() + timeout.plusSeconds(1).toNanos();
		Map<String, FlushResult> results = new LinkedHashMap<>();
		futures.forEach((name, future) -> {
			try {
				results.put(name, future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException | ExecutionException ex) {
				logger.warn("Emitter '{}' did not finish within {}", name, timeout, ex);
				results.put(name, new FlushResult(0, 0, emitters.get(name).stats().pending()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return results;
	}

	/**
	 * One emitter of the registry.
	 *
	 * @param emitter the emitter
	 * @param type its configured type, or {@code custom} for an application's bean
	 * @param attached whether tracked events go to it
	 * @param owned whether the registry closes it (a bean of the application's is closed by its context)
	 * @param filter which events it receives
	 */
	record Registered(Emitter emitter, String type, boolean attached, boolean owned, EventFilter filter) {

		Registered(Emitter emitter, String type, boolean attached, boolean owned) {
			this(emitter, type, attached, owned, EventFilter.ALL);
		}

	}

	/**
	 * An emitter that only workers send with.
	 *
	 * @param properties its properties
	 * @param emitters makes a synchronous emitter over its transport for a batch size
	 */
	record SendTarget(SnowplowProperties.EmitterProperties properties, Function<Integer, BatchEmitter> emitters) {
	}

}
