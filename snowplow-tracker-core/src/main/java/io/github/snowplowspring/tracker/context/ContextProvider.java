package io.github.snowplowspring.tracker.context;

import java.util.List;

import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;

/**
 * Adds context entities to tracked events, for example the current trace and span ids. Called
 * on the tracking thread for every event: keep it quick. A provider that throws is logged and
 * skipped; the event is tracked without its entities.
 */
@FunctionalInterface
public interface ContextProvider {

	/**
	 * The entities to add to an event.
	 * @param event the event being tracked
	 * @return the entities, empty for none
	 */
	List<SelfDescribingJson> contexts(Event event);

}
