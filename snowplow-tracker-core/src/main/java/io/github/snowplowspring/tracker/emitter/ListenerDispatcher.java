package io.github.snowplowspring.tracker.emitter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.snowplowspring.tracker.payload.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an emitter's listener. For the asynchronous emitter, calls run on one callback thread
 * of their own, so that a slow or throwing listener never holds up sending and a flush called
 * from a listener cannot deadlock; the queue of calls is bounded and never blocks a sender.
 * For the synchronous emitter, calls run on the thread that sent, as in the Python tracker.
 */
final class ListenerDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(ListenerDispatcher.class);

	private static final int QUEUED_CALLS = 1_000;

	private final String emitterName;

	private final EmitterListener listener;

	private final @Nullable ThreadPoolExecutor thread;

	private long skipped;

	ListenerDispatcher(String emitterName, EmitterListener listener, boolean ownThread) {
		this.emitterName = emitterName;
		this.listener = listener;
		this.thread = (ownThread && listener != EmitterListener.NONE)
				? new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED_CALLS),
						new NamedThreadFactory(emitterName, "callbacks"))
				: null;
	}

	boolean isListening() {
		return this.listener != EmitterListener.NONE;
	}

	<T> void success(List<T> events, Function<List<T>, List<Payload>> decoder) {
		if (isListening() && !events.isEmpty()) {
			run(() -> this.listener.onSuccess(decoder.apply(events)));
		}
	}

	<T> void failure(int successCount, List<T> events, Failure failure, Function<List<T>, List<Payload>> decoder) {
		if (isListening() && !events.isEmpty()) {
			run(() -> this.listener.onFailure(successCount, decoder.apply(events), failure));
		}
	}

	private void run(Runnable call) {
		Runnable guarded = () -> {
			try {
				call.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Listener of emitter '{}' threw; delivery goes on", this.emitterName, ex);
			}
		};
		if (this.thread == null) {
			guarded.run();
			return;
		}
		try {
			this.thread.execute(guarded);
		}
		catch (RejectedExecutionException ex) {
			// The listener cannot keep up (or the emitter is closed): the ledger still counts every event.
			long count;
			synchronized (this) {
				count = ++this.skipped;
			}
			if (count == 1 || count % 1_000 == 0) {
				logger.warn("Listener of emitter '{}' is too slow: {} callback(s) skipped so far", this.emitterName,
						count);
			}
		}
	}

	/** Lets queued calls finish, at most {@code timeout}, then stops the callback thread. */
	void close(Duration timeout) {
		if (this.thread != null) {
			this.thread.shutdown();
			try {
				if (!this.thread.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
					this.thread.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				this.thread.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

}
