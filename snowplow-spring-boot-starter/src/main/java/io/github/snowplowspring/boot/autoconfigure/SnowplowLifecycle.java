package io.github.snowplowspring.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.snowplowspring.tracker.emitter.FlushResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the emitters' flush timers while the application runs, and the final flush when it
 * stops: after the web server has stopped taking requests (a later phase than graceful
 * shutdown), within the shutdown phase's timeout. A stopped lifecycle can start again (Spring's
 * test framework pauses cached contexts); emitters are closed only when the context closes.
 */
public class SnowplowLifecycle implements SmartLifecycle {

	/** Stops after the web server's graceful shutdown ({@code DEFAULT_PHASE - 2048}). */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private static final Logger logger = LoggerFactory.getLogger(SnowplowLifecycle.class);

	private final EmitterRegistry registry;

	private final Duration finalFlushTimeout;

	private volatile boolean running;

	private volatile boolean stoppedBefore;

	/**
	 * Creates a lifecycle.
	 * @param registry the emitters
	 * @param finalFlushTimeout how long the final flush may take
	 */
	public SnowplowLifecycle(EmitterRegistry registry, Duration finalFlushTimeout) {
		this.registry = registry;
		this.finalFlushTimeout = finalFlushTimeout;
	}

	@Override
	public void start() {
		if (this.stoppedBefore) {
			this.registry.resumeTimers();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.stoppedBefore = true;
		this.registry.pauseTimers();
		Map<String, FlushResult> results = this.registry.flushAll(this.finalFlushTimeout);
		results.forEach((name, result) -> {
			if (result.pending() > 0) {
				logger.warn("Emitter '{}' still holds {} event(s) after the final flush; they are sent or reported "
						+ "when the context closes", name, result.pending());
			}
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
