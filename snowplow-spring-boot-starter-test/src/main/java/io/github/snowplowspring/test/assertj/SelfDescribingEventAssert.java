package io.github.snowplowspring.test.assertj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.snowplowspring.test.CapturedEvent;
import io.github.snowplowspring.test.SelfDescribingNode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Assertions on the captured self-describing events that match an expectation: checks of their
 * data, as the JSON that went on the wire.
 */
public final class SelfDescribingEventAssert extends AbstractEventAssert<SelfDescribingEventAssert> {

	SelfDescribingEventAssert(List<CapturedEvent> matching, List<CapturedEvent> captured, String expectation) {
		super(matching, captured, expectation, SelfDescribingEventAssert.class);
	}

	@Override
	SelfDescribingEventAssert newAssert(List<CapturedEvent> matching, String expectation) {
		return new SelfDescribingEventAssert(matching, this.captured, expectation);
	}

	/**
	 * Verifies that the data of a matching event has a field with this value. Numbers compare by
	 * value ({@code 2} is {@code 2.0}); an expected null matches a missing field (the tracker
	 * leaves nulls out).
	 * @param field a top-level field name, or a JSON Pointer such as {@code /items/0/sku}
	 * @param value the expected value: a string, number, boolean, map, list, record or
	 * {@code JsonNode}, written as the tracker writes data
	 * @return an assertion on the events whose data has it
	 */
	public SelfDescribingEventAssert withData(String field, @Nullable Object value) {
		JsonNode expected = JsonValues.toJson(value);
		return narrow("data " + field + "=" + expected,
				(event) -> JsonValues.matches(JsonValues.at(data(event), field), expected));
	}

	/**
	 * Verifies that the data of a matching event has every one of these fields with its value;
	 * other fields may be present too.
	 * @param fields field names (or JSON Pointers) and their expected values
	 * @return an assertion on the events whose data has them
	 */
	public SelfDescribingEventAssert withData(Map<String, ?> fields) {
		return narrow("data with " + JsonValues.describe(fields),
				(event) -> JsonValues.hasFields(data(event), fields));
	}

	/**
	 * Verifies that the data of a matching event satisfies the given requirements, such as
	 * {@code (data) -> assertThat(data.path("items").size()).isEqualTo(2)}.
	 * @param requirements assertions on the data; an event matches when they throw no
	 * {@link AssertionError}
	 * @return an assertion on the events whose data satisfies them
	 */
	public SelfDescribingEventAssert withDataSatisfying(Consumer<JsonNode> requirements) {
		List<AssertionError> errors = new ArrayList<>();
		List<CapturedEvent> kept = new ArrayList<>();
		for (CapturedEvent event : this.actual) {
			try {
				requirements.accept(data(event));
				kept.add(event);
			}
			catch (AssertionError error) {
				errors.add(error);
			}
		}
		if (kept.isEmpty()) {
			String narrowed = this.expectation + ", data satisfying the requirements";
			failWithMessage("%s", Messages.noneMatches(narrowed, this.captured, this.actual, this.expectation)
					+ "\nThe first marked event failed them with: " + errors.get(0).getMessage());
		}
		return inheritDescription(newAssert(kept, this.expectation + ", data satisfying the requirements"));
	}

	private static JsonNode data(CapturedEvent event) {
		SelfDescribingNode selfDescribing = event.selfDescribingEvent();
		return (selfDescribing != null) ? selfDescribing.data() : MissingNode.getInstance();
	}

}
