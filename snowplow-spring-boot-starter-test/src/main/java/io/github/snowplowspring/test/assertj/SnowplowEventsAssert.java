package io.github.snowplowspring.test.assertj;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.iglu.ValidationReport;
import io.github.snowplowspring.test.CapturedEvent;
import io.github.snowplowspring.test.EventType;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on every event a test captured (or a fake collector received). Each {@code has...}
 * method finds the events that match and returns an assertion that narrows them further; every
 * failure lists what was captured, one line per event.
 *
 * <pre>{@code
 * assertThat(capturing).hasStructuredEvent("checkout", "complete").withLabel("order-1").withValue(42.5);
 * assertThat(capturing).hasTransaction("order-1").withItems(Map.of("mug-1", 2, "tee-3", 1));
 * }</pre>
 */
public final class SnowplowEventsAssert extends AbstractAssert<SnowplowEventsAssert, List<CapturedEvent>> {

	SnowplowEventsAssert(List<CapturedEvent> events) {
		super(List.copyOf(events), SnowplowEventsAssert.class);
	}

	/**
	 * Verifies that exactly this many events were captured.
	 * @param count the expected number
	 * @return this assertion
	 */
	public SnowplowEventsAssert hasEventCount(int count) {
		if (this.actual.size() != count) {
			failWithMessage("%s", "Expecting " + Messages.events(count) + "\nbut " + this.actual.size()
					+ ((this.actual.size() == 1) ? " was" : " were") + " captured" + (this.actual.isEmpty() ? "" : ":")
					+ Messages.list(this.actual, List.of()));
		}
		return this.myself;
	}

	/**
	 * Verifies that exactly this many events of a type were captured; a transaction counts its
	 * items apart ({@link EventType#TRANSACTION_ITEM}).
	 * @param type the event type
	 * @param count the expected number
	 * @return this assertion
	 */
	public SnowplowEventsAssert hasEventCount(EventType type, int count) {
		return hasCount(count, type.description(), type.description() + "s", (event) -> event.is(type));
	}

	/**
	 * Verifies that exactly this many self-describing events of a schema were captured.
	 * @param schema the event's Iglu URI
	 * @param count the expected number
	 * @return this assertion
	 */
	public SnowplowEventsAssert hasSelfDescribingEventCount(String schema, int count) {
		return hasCount(count, "self-describing event of schema " + schema,
				"self-describing events of schema " + schema, (event) -> isSelfDescribing(event, schema));
	}

	/**
	 * Verifies that no event was captured.
	 * @return this assertion
	 */
	public SnowplowEventsAssert hasNoEvents() {
		return hasEventCount(0);
	}

	/**
	 * Verifies that a page view of this URL was captured.
	 * @param url the page URL ({@code url})
	 * @return an assertion on the page views of that URL
	 */
	public PageViewAssert hasPageView(String url) {
		String expectation = "a page view with url " + Messages.quote(url);
		return inheritDescription(new PageViewAssert(
				find(EventType.PAGE_VIEW, expectation, (event) -> url.equals(event.get("url"))), this.actual,
				expectation));
	}

	/**
	 * Verifies that a structured event of this category and action was captured.
	 * @param category the category ({@code se_ca})
	 * @param action the action ({@code se_ac})
	 * @return an assertion on the structured events of that category and action
	 */
	public StructuredEventAssert hasStructuredEvent(String category, String action) {
		String expectation = "a structured event with category " + Messages.quote(category) + " and action "
				+ Messages.quote(action);
		return inheritDescription(new StructuredEventAssert(find(EventType.STRUCTURED, expectation,
				(event) -> category.equals(event.get("se_ca")) && action.equals(event.get("se_ac"))), this.actual,
				expectation));
	}

	/**
	 * Verifies that a self-describing event of this schema was captured; screen views and
	 * timings are self-describing events too.
	 * @param schema the event's Iglu URI, such as {@code iglu:com.acme/checkout_step/jsonschema/1-0-0}
	 * @return an assertion on the self-describing events of that schema
	 */
	public SelfDescribingEventAssert hasSelfDescribingEvent(String schema) {
		String expectation = "a self-describing event of schema " + schema;
		return inheritDescription(new SelfDescribingEventAssert(
				find(EventType.SELF_DESCRIBING, expectation, (event) -> isSelfDescribing(event, schema)), this.actual,
				expectation));
	}

	/**
	 * Verifies that an ecommerce transaction of this order id was captured.
	 * @param orderId the order id ({@code tr_id})
	 * @return an assertion on the transactions of that order id, and their items
	 */
	public TransactionAssert hasTransaction(String orderId) {
		String expectation = "a transaction with order id " + Messages.quote(orderId);
		return inheritDescription(new TransactionAssert(
				find(EventType.TRANSACTION, expectation, (event) -> orderId.equals(event.get("tr_id"))), this.actual,
				expectation));
	}

	/**
	 * Verifies that an event of a type was captured.
	 * @param type the event type
	 * @return an assertion on the events of that type
	 */
	public EventAssert hasEvent(EventType type) {
		String expectation = "a " + type.description();
		return inheritDescription(new EventAssert(find(type, expectation, (event) -> true), this.actual, expectation));
	}

	/**
	 * Verifies that an event carrying a context entity of this schema was captured.
	 * @param schema the entity's Iglu URI
	 * @return an assertion on the events that carry one
	 */
	public EventAssert hasEventWithContext(String schema) {
		String expectation = "an event with context entity " + schema;
		List<CapturedEvent> matching = this.actual.stream().filter((event) -> event.context(schema) != null).toList();
		if (matching.isEmpty()) {
			failWithMessage("%s", Messages.noneMatches(expectation, this.actual, List.of(), null));
		}
		return inheritDescription(new EventAssert(matching, this.actual, expectation));
	}

	/**
	 * Verifies that every captured event would pass a Snowplow pipeline's validation against the
	 * Iglu schemas on the class path ({@code iglu/schemas/<vendor>/<name>/jsonschema/<version>}):
	 * the protocol's own schemas ship with the kit; put yours under {@code src/test/resources}.
	 * @return this assertion
	 */
	public SnowplowEventsAssert allConformToSchemas() {
		return allConformToSchemas(DefaultValidator.INSTANCE);
	}

	/**
	 * Verifies that every captured event passes the given validator.
	 * @param validator the validator, for example over schemas of your own
	 * @return this assertion
	 */
	public SnowplowEventsAssert allConformToSchemas(PayloadValidator validator) {
		List<CapturedEvent> invalid = new ArrayList<>();
		StringBuilder reports = new StringBuilder();
		for (int i = 0; i < this.actual.size(); i++) {
			CapturedEvent event = this.actual.get(i);
			ValidationReport report = validator.validateEvent(event.parameters());
			if (!report.isValid()) {
				invalid.add(event);
				reports.append("\n  ").append(i + 1).append(". ").append(event.summary());
				report.violations().forEach((violation) -> reports.append("\n       ").append(violation));
			}
		}
		if (!invalid.isEmpty()) {
			failWithMessage("%s", "Expecting every captured event to conform to its Iglu schemas\nbut "
					+ invalid.size() + " of the " + Messages.events(this.actual.size()) + " captured "
					+ ((invalid.size() == 1) ? "does" : "do") + " not:" + reports);
		}
		return this.myself;
	}

	private SnowplowEventsAssert hasCount(int count, String singular, String plural,
			Predicate<CapturedEvent> predicate) {
		List<CapturedEvent> matching = this.actual.stream().filter(predicate).toList();
		if (matching.size() != count) {
			StringBuilder message = new StringBuilder("Expecting ").append(count).append(' ')
				.append((count == 1) ? singular : plural).append("\nbut ");
			if (this.actual.isEmpty()) {
				message.append("no event was captured");
			}
			else {
				message.append(matching.size()).append(' ').append((matching.size() == 1) ? singular + " was" : plural + " were")
					.append(" captured, among ").append(Messages.events(this.actual.size()))
					.append(matching.isEmpty() ? ":" : " (marked >):").append(Messages.list(this.actual, matching));
			}
			failWithMessage("%s", message.toString());
		}
		return this.myself;
	}

	private List<CapturedEvent> find(EventType type, String expectation, Predicate<CapturedEvent> predicate) {
		List<CapturedEvent> matching = this.actual.stream().filter((event) -> event.is(type) && predicate.test(event))
			.toList();
		if (matching.isEmpty()) {
			List<CapturedEvent> sameType = this.actual.stream().filter((event) -> event.is(type)).toList();
			failWithMessage("%s", Messages.noneMatches(expectation, this.actual, sameType, "a " + type.description()));
		}
		return matching;
	}

	private <A extends AbstractAssert<?, ?>> A inheritDescription(A derived) {
		if (this.info.hasDescription()) {
			derived.describedAs(this.info.description());
		}
		return derived;
	}

	private static boolean isSelfDescribing(CapturedEvent event, String schema) {
		return event.is(EventType.SELF_DESCRIBING) && event.selfDescribingEvent() != null
				&& event.selfDescribingEvent().schema().equals(schema);
	}

	// Loading the schemas once is enough: the validator is immutable and thread-safe.
	private static final class DefaultValidator {

		static final PayloadValidator INSTANCE = PayloadValidator.create();

	}

}
