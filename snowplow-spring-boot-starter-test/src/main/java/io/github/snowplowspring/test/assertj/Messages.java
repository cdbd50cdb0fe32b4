package io.github.snowplowspring.test.assertj;

import java.util.Collection;
import java.util.List;

import io.github.snowplowspring.test.CapturedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Failure messages that show what was captured, so that a failing test explains itself.
 */
final class Messages {

	// Enough for any test that tracks by hand; a flood is cut rather than printed whole.
	private static final int MAX_LISTED = 50;

	private Messages() {
	}

	/**
	 * Says that no captured event met the expectation, listing them all and marking those that
	 * met the expectation's earlier part.
	 */
	static String noneMatches(String expectation, List<CapturedEvent> captured, Collection<CapturedEvent> marked,
			@Nullable String markedDescription) {
		StringBuilder message = new StringBuilder("Expecting ").append(expectation).append('\n');
		if (captured.isEmpty()) {
			return message.append("but no event was captured").toString();
		}
		message.append("but none of the ").append(events(captured.size())).append(" captured matches");
		if (markedDescription != null && !marked.isEmpty()) {
			message.append(" (").append(marked.size()).append((marked.size() == 1) ? " matches " : " match ")
				.append(markedDescription).append(", marked >)");
		}
		return message.append(':').append(list(captured, marked)).toString();
	}

	/** Numbered lines, one per event, those in {@code marked} prefixed with {@code >}. */
	static String list(List<CapturedEvent> captured, Collection<CapturedEvent> marked) {
		StringBuilder list = new StringBuilder();
		for (int i = 0; i < captured.size() && i < MAX_LISTED; i++) {
			CapturedEvent event = captured.get(i);
			list.append('\n').append(containsSame(marked, event) ? "> " : "  ").append(i + 1).append(". ")
				.append(event.summary());
		}
		if (captured.size() > MAX_LISTED) {
			list.append("\n  ... and ").append(captured.size() - MAX_LISTED).append(" more");
		}
		return list.toString();
	}

	/** {@code 1 event}, {@code 3 events}. */
	static String events(int count) {
		return count + ((count == 1) ? " event" : " events");
	}

	/** {@code 1 item}, {@code 3 items}. */
	static String items(int count) {
		return count + ((count == 1) ? " item" : " items");
	}

	/** {@code 1 time}, {@code 3 times}. */
	static String times(int count) {
		return count + ((count == 1) ? " time" : " times");
	}

	/** A string value in quotes, as the summaries show them. */
	static String quote(@Nullable String value) {
		return (value != null) ? "\"" + value + "\"" : "null";
	}

	// Two events can be equal (same parameters) only if the tracker repeated an event id; mark by identity.
	private static boolean containsSame(Collection<CapturedEvent> events, CapturedEvent event) {
		for (CapturedEvent candidate : events) {
			if (candidate == event) {
				return true;
			}
		}
		return false;
	}

}
