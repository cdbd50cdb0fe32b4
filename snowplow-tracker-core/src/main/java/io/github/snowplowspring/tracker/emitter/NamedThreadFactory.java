package io.github.snowplowspring.tracker.emitter;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code snowplow-<emitter>-<role>-<n>}, so they are easy to find and never keep the JVM alive. */
final class NamedThreadFactory implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	NamedThreadFactory(String emitterName, String role) {
		this.prefix = "snowplow-" + emitterName + "-" + role + "-";
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
