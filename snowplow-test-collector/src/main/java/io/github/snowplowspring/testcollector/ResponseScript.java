package io.github.snowplowspring.testcollector;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The scripted answers: a FIFO first, then the hook, then the default; plus the body size rule. */
final class ResponseScript {

	private final Deque<Response> queued = new ArrayDeque<>();
	private Response fallback = Response.ok();
	private @Nullable Function<RecordedRequest, @Nullable Response> hook;
	private int maxBodyBytes = Integer.MAX_VALUE;

	synchronized void enqueue(List<Response> responses) {
		queued.addAll(responses);
	}

	synchronized void setHook(Function<RecordedRequest, @Nullable Response> hook) {
		this.hook = hook;
	}

	synchronized void setFallback(Response fallback) {
		this.fallback = fallback;
	}

	synchronized void setMaxBodyBytes(int maxBodyBytes) {
		this.maxBodyBytes = maxBodyBytes;
	}

	synchronized boolean tooLarge(int bodyBytes) {
		return bodyBytes > maxBodyBytes;
	}

	/** Called in arrival order; the hook runs under this lock, so scripts need no synchronisation of their own. */
	synchronized Response next(RecordedRequest request) {
		Response next = queued.poll();
		if (next == null && hook != null) {
			next = hook.apply(request);
		}
		return next != null ? next : fallback;
	}

	synchronized void clear() {
		queued.clear();
		fallback = Response.ok();
		hook = null;
		maxBodyBytes = Integer.MAX_VALUE;
	}
}
