package io.github.snowplowspring.test.assertj;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import io.github.snowplowspring.test.CapturedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the captured structured events that match an expectation.
 */
public final class StructuredEventAssert extends AbstractEventAssert<StructuredEventAssert> {

	StructuredEventAssert(List<CapturedEvent> matching, List<CapturedEvent> captured, String expectation) {
		super(matching, captured, expectation, StructuredEventAssert.class);
	}

	@Override
	StructuredEventAssert newAssert(List<CapturedEvent> matching, String expectation) {
		return new StructuredEventAssert(matching, this.captured, expectation);
	}

	/**
	 * Verifies that a matching structured event has this label ({@code se_la}).
	 * @param label the expected label, or null for none
	 * @return an assertion on the events that have it
	 */
	public StructuredEventAssert withLabel(@Nullable String label) {
		return narrow("label " + Messages.quote(label), (event) -> Objects.equals(event.get("se_la"), label));
	}

	/**
	 * Verifies that a matching structured event has this property ({@code se_pr}).
	 * @param property the expected property, or null for none
	 * @return an assertion on the events that have it
	 */
	public StructuredEventAssert withProperty(@Nullable String property) {
		return narrow("property " + Messages.quote(property), (event) -> Objects.equals(event.get("se_pr"), property));
	}

	/**
	 * Verifies that a matching structured event has this value ({@code se_va}); {@code 10},
	 * {@code 10.0} and {@code 1E1} are the same value.
	 * @param value the expected value
	 * @return an assertion on the events that have it
	 */
	public StructuredEventAssert withValue(double value) {
		BigDecimal expected = BigDecimal.valueOf(value);
		return narrow("value " + expected.stripTrailingZeros().toPlainString(),
				(event) -> sameNumber(event.get("se_va"), expected));
	}

	static boolean sameNumber(@Nullable String actual, BigDecimal expected) {
		if (actual == null) {
			return false;
		}
		try {
			return new BigDecimal(actual).compareTo(expected) == 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
