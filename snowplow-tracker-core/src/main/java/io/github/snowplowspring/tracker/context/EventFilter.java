package io.github.snowplowspring.tracker.context;

import java.util.List;
import java.util.Set;

import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.event.PagePing;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;
import org.jspecify.annotations.Nullable;

/**
 * Which events an emitter receives: routing, so that one application can send some events to one
 * collector and others elsewhere.
 */
@FunctionalInterface
public interface EventFilter {

	/** Every event. */
	EventFilter ALL = (event) -> true;

	/**
	 * Whether the event goes to the emitter.
	 * @param event the event
	 * @return whether it does
	 */
	boolean accepts(Event event);

	/**
	 * Events of these protocol types: {@code pv}, {@code pp}, {@code se}, {@code ue}, {@code tr}
	 * (a transaction with its items).
	 * @param types the types
	 * @return the filter
	 */
	static EventFilter types(String... types) {
		Set<String> accepted = Set.of(types);
		for (String type : accepted) {
			if (!Set.of("pv", "pp", "se", "ue", "tr").contains(type)) {
				throw new IllegalArgumentException("event type '" + type + "' is not one of pv, pp, se, ue, tr");
			}
		}
		return (event) -> accepted.contains(typeOf(event));
	}

	/**
	 * Self-describing events (screen views and timings included) whose schema starts with one of
	 * these prefixes, for example {@code iglu:com.acme/} or a full schema URI.
	 * @param schemaPrefixes the prefixes
	 * @return the filter
	 */
	static EventFilter schemas(String... schemaPrefixes) {
		List<String> prefixes = List.of(schemaPrefixes);
		return (event) -> {
			String schema = schemaOf(event);
			return schema != null && prefixes.stream().anyMatch(schema::startsWith);
		};
	}

	/** Events this filter or the other accepts. */
	default EventFilter or(EventFilter other) {
		return (event) -> accepts(event) || other.accepts(event);
	}

	/** Events this filter and the other accept. */
	default EventFilter and(EventFilter other) {
		return (event) -> accepts(event) && other.accepts(event);
	}

	/**
	 * The protocol type of an event ({@code e}).
	 * @param event the event
	 * @return {@code pv}, {@code pp}, {@code se}, {@code ue} or {@code tr}
	 */
	static String typeOf(Event event) {
		if (event instanceof PageView) {
			return "pv";
		}
		if (event instanceof PagePing) {
			return "pp";
		}
		if (event instanceof Structured) {
			return "se";
		}
		if (event instanceof EcommerceTransaction) {
			return "tr";
		}
		return "ue";
	}

	/**
	 * The schema of a self-describing event, a screen view or a timing; null for other events.
	 * @param event the event
	 * @return the schema URI or null
	 */
	static @Nullable String schemaOf(Event event) {
		if (event instanceof SelfDescribing selfDescribing) {
			return selfDescribing.event().schema();
		}
		if (event instanceof ScreenView) {
			return ScreenView.SCHEMA;
		}
		if (event instanceof Timing) {
			return Timing.SCHEMA;
		}
		return null;
	}

}
