package io.github.snowplowspring.boot.redis;

import java.time.Duration;

import io.github.snowplowspring.boot.autoconfigure.WorkerStatus;

/** Workers of this application on one Redis list or stream, or a watcher of it. */
interface RedisWorkerGroup {

	/** A name such as {@code list:snowplow} or {@code stream:snowplow:tasks}. */
	String name();

	/** Starts the worker threads and the housekeeping. */
	void start();

	/** Stops claiming, waiting at most {@code timeout} for the work in hand. */
	void stop(Duration timeout);

	/** Whether it runs. */
	boolean isRunning();

	/** What the list or stream and this application's workers look like. */
	WorkerStatus status();

}
