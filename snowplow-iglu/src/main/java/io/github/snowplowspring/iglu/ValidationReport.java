package io.github.snowplowspring.iglu;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating one payload: every {@link Violation} found, in the order found.
 *
 * @param violations what is wrong; empty when the payload is valid
 */
public record ValidationReport(List<Violation> violations) {

	/**
	 * Creates a report.
	 *
	 * @param violations what is wrong; copied
	 */
	public ValidationReport {
		violations = List.copyOf(violations);
	}

	/**
	 * Tells whether nothing was found wrong.
	 *
	 * @return {@code true} when there are no violations
	 */
	public boolean isValid() {
		return violations.isEmpty();
	}

	/**
	 * Throws when anything was found wrong, for a one-line check in a test.
	 *
	 * @return this report, when valid
	 * @throws AssertionError listing every violation, when not valid
	 */
	public ValidationReport assertValid() {
		if (!isValid()) {
			throw new AssertionError(toString());
		}
		return this;
	}

	/** Returns {@code valid}, or the number of violations followed by one violation per line. */
	@Override
	public String toString() {
		if (isValid()) {
			return "valid";
		}
		return violations.stream()
				.map(v -> "  " + v)
				.collect(Collectors.joining("\n", violations.size() + " violation(s):\n", ""));
	}
}
