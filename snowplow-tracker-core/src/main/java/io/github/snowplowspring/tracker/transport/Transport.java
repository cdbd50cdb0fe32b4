package io.github.snowplowspring.tracker.transport;

/**
 * Where batches go: an HTTP collector, a Redis list, a Redis stream. The delivery engine
 * decides when and what to send; a transport only sends. Implementations must be
 * thread-safe: several sender threads may call {@link #send(Batch)} at once.
 */
public interface Transport extends AutoCloseable {

	/** How events are encoded for this transport, measured, and grouped into requests. */
	WireFormat wireFormat();

	/**
	 * Sends one batch and waits for the answer. Never throws for delivery problems: those are an
	 * {@link Outcome.Error}. Stamps {@code stm} on every event at each attempt where the format has it.
	 */
	Outcome send(Batch batch);

	/** Releases connections and threads; called once by the emitter's {@code close()}. */
	@Override
	default void close() {
	}

}
