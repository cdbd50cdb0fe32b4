package io.github.snowplowspring.tracker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.payload.Payload;

/** A custom emitter, as a user would write one: it only implements accept. */
class CapturingEmitter implements Emitter {

	final List<Payload> payloads = new CopyOnWriteArrayList<>();

	@Override
	public void accept(Payload payload) {
		this.payloads.add(payload);
	}

	Payload only() {
		if (this.payloads.size() != 1) {
			throw new AssertionError("expected one payload, got " + this.payloads);
		}
		return this.payloads.get(0);
	}

}
