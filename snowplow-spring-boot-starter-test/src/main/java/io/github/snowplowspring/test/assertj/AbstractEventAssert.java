package io.github.snowplowspring.test.assertj;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import io.github.snowplowspring.test.CapturedEvent;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the captured events that match an expectation, such as "a structured event with
 * category {@code checkout} and action {@code complete}". Each {@code with...} method narrows
 * the expectation and fails when no captured event meets it, listing every captured event and
 * marking those that met the expectation so far.
 *
 * @param <SELF> the type of this assertion
 */
public abstract class AbstractEventAssert<SELF extends AbstractEventAssert<SELF>>
		extends AbstractAssert<SELF, List<CapturedEvent>> {

	/** Every captured event, for failure messages. */
	final List<CapturedEvent> captured;

	/** What the matching events are, such as {@code a page view with url "https://shop.example/"}. */
	final String expectation;

	AbstractEventAssert(List<CapturedEvent> matching, List<CapturedEvent> captured, String expectation,
			Class<?> selfType) {
		super(matching, selfType);
		this.captured = captured;
		this.expectation = expectation;
	}

	/**
	 * A new assertion of this type on fewer events.
	 * @param matching the events that meet the new expectation
	 * @param expectation the new expectation
	 * @return the assertion
	 */
	abstract SELF newAssert(List<CapturedEvent> matching, String expectation);

	/**
	 * Keeps the matching events that meet one more criterion.
	 * @param criterion what the events must also be, such as {@code label "order-1"}
	 * @param predicate the criterion
	 * @return an assertion on the events that meet it
	 * @throws AssertionError when none does
	 */
	final SELF narrow(String criterion, Predicate<CapturedEvent> predicate) {
		String narrowed = this.expectation + ", " + criterion;
		List<CapturedEvent> kept = this.actual.stream().filter(predicate).toList();
		if (kept.isEmpty()) {
			failWithMessage("%s", Messages.noneMatches(narrowed, this.captured, this.actual, this.expectation));
		}
		return inheritDescription(newAssert(kept, narrowed));
	}

	/**
	 * Verifies that a matching event has this event id, such as the one {@code track()} returned.
	 * @param eventId the expected {@code eid}
	 * @return an assertion on that event
	 */
	public SELF withEventId(String eventId) {
		return narrow("event id " + eventId, (event) -> event.eventId().equals(eventId));
	}

	/**
	 * Verifies that a matching event has a parameter with this value, such as {@code uid} or
	 * {@code aid}.
	 * @param name the parameter
	 * @param value its expected value, or null for none
	 * @return an assertion on the events that have it
	 */
	public SELF withParameter(String name, @Nullable String value) {
		String criterion = (value != null) ? "parameter " + name + "=" + Messages.quote(value) : "no parameter " + name;
		return narrow(criterion, (event) -> Objects.equals(event.get(name), value));
	}

	/**
	 * Verifies that a matching event carries a context entity of this schema.
	 * @param schema the entity's Iglu URI
	 * @return an assertion on the events that carry one
	 */
	public SELF withContext(String schema) {
		return narrow("context entity " + schema, (event) -> event.context(schema) != null);
	}

	/**
	 * Verifies that a matching event carries a context entity of this schema whose data has
	 * these fields with these values; other fields may be present too.
	 * @param schema the entity's Iglu URI
	 * @param fields top-level field names (or JSON Pointers such as {@code /cart/id}) and their
	 * expected values: strings, numbers, booleans, maps, lists, records, or {@code JsonNode}s
	 * @return an assertion on the events that carry one
	 */
	public SELF withContext(String schema, Map<String, ?> fields) {
		return narrow("context entity " + schema + " with " + JsonValues.describe(fields),
				(event) -> event.contexts().stream()
					.anyMatch((entity) -> entity.schema().equals(schema) && JsonValues.hasFields(entity.data(), fields)));
	}

	/**
	 * Verifies that exactly this many captured events meet the expectation.
	 * @param count the expected number
	 * @return this assertion
	 */
	public SELF times(int count) {
		if (this.actual.size() != count) {
			failWithMessage("%s", "Expecting " + this.expectation + " exactly " + Messages.times(count) + "\nbut "
					+ this.actual.size() + " of the " + Messages.events(this.captured.size()) + " captured "
					+ ((this.actual.size() == 1) ? "matches" : "match") + " (marked >):"
					+ Messages.list(this.captured, this.actual));
		}
		return this.myself;
	}

	/**
	 * Verifies that exactly one captured event meets the expectation.
	 * @return this assertion
	 */
	public SELF once() {
		return times(1);
	}

	/**
	 * The one captured event that meets the expectation, for checks of your own.
	 * @return the event
	 * @throws AssertionError when more than one event meets it
	 */
	public CapturedEvent singleEvent() {
		once();
		return this.actual.get(0);
	}

	/** Gives a derived assertion the description of this one ({@code as("...")}), for its messages. */
	final <A extends AbstractAssert<?, ?>> A inheritDescription(A derived) {
		if (this.info.hasDescription()) {
			derived.describedAs(this.info.description());
		}
		return derived;
	}

}
