package io.github.snowplowspring.boot.autoconfigure;

import java.util.Map;

import io.github.snowplowspring.tracker.emitter.FlushResult;

import org.springframework.context.ApplicationEvent;

/**
 * Published after the starter flushed emitters: the final flush at shutdown, or a flush asked
 * through {@link EmitterRegistry} (for example by the actuator endpoint).
 */
public class SnowplowFlushEvent extends ApplicationEvent {

	private final Map<String, FlushResult> results;

	/**
	 * Creates a new instance.
	 * @param source the registry that flushed
	 * @param results what each flushed emitter sent, dropped and left, by name
	 */
	public SnowplowFlushEvent(EmitterRegistry source, Map<String, FlushResult> results) {
		super(source);
		this.results = Map.copyOf(results);
	}

	/** What each flushed emitter sent, dropped and left pending, by name. */
	public Map<String, FlushResult> getResults() {
		return this.results;
	}

	/** The sum over every flushed emitter. */
	public FlushResult getTotal() {
		FlushResult total = FlushResult.EMPTY;
		for (FlushResult result : this.results.values()) {
			total = total.plus(result);
		}
		return total;
	}

}
