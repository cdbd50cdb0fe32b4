package io.github.snowplowspring.boot.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a group of workers draining one Redis list or stream knows: the backlog in Redis (from
 * a periodic poll, never a call per read) and what the workers of this application did.
 *
 * @param type {@code list} or {@code stream}
 * @param source the list key or stream name
 * @param sendTo the HTTP emitter the workers send with, or null when none runs here
 * @param threads worker threads running in this application
 * @param length events (list) or tasks (stream) waiting
 * @param processing events claimed by workers and not yet acknowledged
 * @param dead entries in the dead-letter list or stream
 * @param liveWorkers workers of any application seen alive
 * @param lag how long the oldest waiting event has waited, or null when none waits
 * @param claimed events claimed by this application's workers
 * @param sent events they delivered
 * @param dropped events they gave up, by reason
 * @param deadLettered elements they moved to the dead letters
 * @param recovered events they returned to the backlog from dead workers
 * @param polledAt when Redis was last polled, or null before the first poll
 */
public record WorkerStatus(String type, String source, @Nullable String sendTo, int threads, long length,
		long processing, long dead, int liveWorkers, @Nullable Duration lag, long claimed, long sent,
		Map<String, Long> dropped, long deadLettered, long recovered, @Nullable Instant polledAt) {
}
