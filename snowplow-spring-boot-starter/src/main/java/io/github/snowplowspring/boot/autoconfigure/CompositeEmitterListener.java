package io.github.snowplowspring.boot.autoconfigure;

import java.util.List;

import io.github.snowplowspring.tracker.emitter.EmitterListener;
import io.github.snowplowspring.tracker.emitter.Failure;
import io.github.snowplowspring.tracker.payload.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every {@link EmitterListener} bean as one listener; one that throws does not stop the others. */
final class CompositeEmitterListener implements EmitterListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeEmitterListener.class);

	private final List<EmitterListener> listeners;

	private CompositeEmitterListener(List<EmitterListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	static EmitterListener of(List<EmitterListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> EmitterListener.NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeEmitterListener(listeners);
		};
	}

	@Override
	public void onSuccess(List<Payload> sent) {
		for (EmitterListener listener : this.listeners) {
			try {
				listener.onSuccess(sent);
			}
			catch (RuntimeException ex) {
				logger.warn("Emitter listener {} threw", listener, ex);
			}
		}
	}

	@Override
	public void onFailure(int successCount, List<Payload> failed, Failure failure) {
		for (EmitterListener listener : this.listeners) {
			try {
				listener.onFailure(successCount, failed, failure);
			}
			catch (RuntimeException ex) {
				logger.warn("Emitter listener {} threw", listener, ex);
			}
		}
	}

}
