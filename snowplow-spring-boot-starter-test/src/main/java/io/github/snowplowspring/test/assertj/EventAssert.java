package io.github.snowplowspring.test.assertj;

import java.util.List;

import io.github.snowplowspring.test.CapturedEvent;

/**
 * Assertions on the captured events of any type that match an expectation, such as "an event
 * with context entity {@code iglu:com.acme/user/jsonschema/1-0-0}".
 */
public final class EventAssert extends AbstractEventAssert<EventAssert> {

	EventAssert(List<CapturedEvent> matching, List<CapturedEvent> captured, String expectation) {
		super(matching, captured, expectation, EventAssert.class);
	}

	@Override
	EventAssert newAssert(List<CapturedEvent> matching, String expectation) {
		return new EventAssert(matching, this.captured, expectation);
	}

}
