package io.github.snowplowspring.tracker.emitter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.snowplowspring.tracker.payload.Payload;

/** Keeps every callback, for assertions. */
class RecordingListener implements EmitterListener {

	final List<List<Payload>> successes = new CopyOnWriteArrayList<>();

	final List<Call> failures = new CopyOnWriteArrayList<>();

	@Override
	public void onSuccess(List<Payload> sent) {
		this.successes.add(sent);
	}

	@Override
	public void onFailure(int successCount, List<Payload> failed, Failure failure) {
		this.failures.add(new Call(successCount, failed, failure));
	}

	long sentCount() {
		return this.successes.stream().mapToLong(List::size).sum();
	}

	record Call(int successCount, List<Payload> failed, Failure failure) {
	}

}
