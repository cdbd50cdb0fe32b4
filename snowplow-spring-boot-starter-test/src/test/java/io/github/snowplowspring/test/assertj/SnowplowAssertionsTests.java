package io.github.snowplowspring.test.assertj;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.iglu.IgluResolver;
import io.github.snowplowspring.iglu.PayloadValidator;
import io.github.snowplowspring.test.CapturedEvent;
import io.github.snowplowspring.test.CapturingEmitter;
import io.github.snowplowspring.test.EventType;
import io.github.snowplowspring.tracker.Subject;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;
import org.junit.jupiter.api.Test;

import static io.github.snowplowspring.test.assertj.SnowplowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SnowplowAssertionsTests {

	private static final String STEP = "iglu:com.acme/checkout_step/jsonschema/1-0-0";

	private static final String USER = "iglu:com.acme/user/jsonschema/1-0-0";

	private final CapturingEmitter capturing = new CapturingEmitter();

	private final Tracker tracker = Tracker.builder("shop")
		.appId("shop-web")
		.subject(Subject.builder().userId("u1").build())
		.emitter(this.capturing)
		.build();

	@Test
	void aPageViewIsFoundByUrlThenTitleAndReferrer() {
		this.tracker.track(PageView.builder("https://shop.example/").title("Shop").referrer("https://search.example/").build());
		assertThat(this.capturing).hasPageView("https://shop.example/")
			.withTitle("Shop")
			.withReferrer("https://search.example/")
			.withParameter("uid", "u1")
			.withParameter("aid", "shop-web")
			.withParameter("refr", "https://search.example/")
			.once();
	}

	@Test
	void aStructuredEventIsFoundByCategoryAndActionThenLabelPropertyAndValue() {
		this.tracker.track(Structured.builder("checkout", "complete").label("order-1").property("web").value(10.0).build());
		assertThat(this.capturing).hasStructuredEvent("checkout", "complete")
			.withLabel("order-1")
			.withProperty("web")
			.withValue(10.0)
			.withParameter("se_va", "10");
	}

	@Test
	void aSelfDescribingEventIsFoundBySchemaThenData() {
		this.tracker.track(SelfDescribing.builder(STEP, Map.of("step", 2, "cart", Map.of("id", "c1", "items", List.of("mug-1")))).build());
		assertThat(this.capturing).hasSelfDescribingEvent(STEP)
			.withData("step", 2.0)
			.withData("/cart/id", "c1")
			.withData("cart", Map.of("id", "c1", "items", List.of("mug-1")))
			.withData(Map.of("step", 2, "/cart/items/0", "mug-1"))
			.withData("coupon", null)
			.withDataSatisfying((data) -> org.assertj.core.api.Assertions.assertThat(data.path("cart").size()).isEqualTo(2));
	}

	@Test
	void dataOfARecordComparesAsTheTrackerWroteIt() {
		record Step(int step, Duration elapsed) {
		}
		this.tracker.track(SelfDescribing.builder(STEP, new Step(2, Duration.ofSeconds(3))).build());
		assertThat(this.capturing).hasSelfDescribingEvent(STEP).withData("elapsed", Duration.ofSeconds(3));
	}

	@Test
	void screenViewsAndTimingsAreSelfDescribingEvents() {
		this.tracker.track(ScreenView.builder("basket").build());
		this.tracker.track(Timing.builder("checkout", "load", Duration.ofMillis(120)).build());
		assertThat(this.capturing).hasSelfDescribingEvent(ScreenView.SCHEMA).withData("name", "basket");
		assertThat(this.capturing).hasSelfDescribingEvent(Timing.SCHEMA).withData("timing", 120);
		assertThat(this.capturing).hasEventCount(EventType.SELF_DESCRIBING, 2).hasSelfDescribingEventCount(Timing.SCHEMA, 1);
	}

	@Test
	void anEventCarryingAContextEntityIsFoundBySchemaAndFields() {
		this.tracker.track(PageView.builder("https://shop.example/").context(SelfDescribingJson.of(USER, Map.of("id", "u1", "tier", 3))).build());
		assertThat(this.capturing).hasEventWithContext(USER).withContext(USER, Map.of("tier", 3));
		assertThat(this.capturing).hasPageView("https://shop.example/").withContext(USER, Map.of("id", "u1"));
	}

	@Test
	void aTransactionIsFoundByOrderIdThenItsItems() {
		this.tracker.track(EcommerceTransaction.builder("order-1", 37.5)
			.currency("EUR")
			.items(EcommerceTransactionItem.of("mug-1", 12.5, 2), EcommerceTransactionItem.of("tee-3", 12.5, 1))
			.build());
		assertThat(this.capturing).hasTransaction("order-1")
			.withTotal(37.5)
			.withCurrency("EUR")
			.withItem("mug-1", 2)
			.withItem("tee-3", 1, 12.5)
			.withItemCount(2)
			.withItems(Map.of("tee-3", 1, "mug-1", 2));
		assertThat(this.capturing).hasEventCount(3).hasEventCount(EventType.TRANSACTION_ITEM, 2);
	}

	@Test
	void theItemsOfAnotherTransactionOfTheSameOrderAreNotItsItems() {
		this.tracker.track(EcommerceTransaction.builder("order-1", 25).items(EcommerceTransactionItem.of("mug-1", 12.5, 2)).build());
		sleep(5);
		this.tracker.track(EcommerceTransaction.builder("order-1", 12.5).items(EcommerceTransactionItem.of("tee-3", 12.5, 1)).build());
		assertThat(this.capturing).hasTransaction("order-1").times(2);
		assertThat(this.capturing).hasTransaction("order-1").withItems(Map.of("mug-1", 2)).once();
		assertThat(this.capturing).hasTransaction("order-1").withItems(Map.of("tee-3", 1)).once();
	}

	@Test
	void singleEventGivesTheMatchingEventForChecksOfYourOwn() {
		String id = this.tracker.track(Structured.builder("checkout", "complete").build());
		this.tracker.track(Structured.builder("checkout", "abandon").build());
		CapturedEvent event = assertThat(this.capturing).hasStructuredEvent("checkout", "complete").singleEvent();
		org.assertj.core.api.Assertions.assertThat(event.eventId()).isEqualTo(id);
		assertThat(this.capturing).hasEvent(EventType.STRUCTURED).withEventId(id);
	}

	@Test
	void aMissingPageViewListsTheCapturedEventsAndMarksThePageViews() {
		this.tracker.track(PageView.builder("https://shop.example/").build());
		this.tracker.track(Structured.builder("basket", "add").label("mug-1").value(12.5).build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasPageView("https://shop.example/basket"))
			.withMessage("""
					Expecting a page view with url "https://shop.example/basket"
					but none of the 2 events captured matches (1 matches a page view, marked >):
					> 1. pv url="https://shop.example/"
					  2. se category="basket" action="add" label="mug-1" value=12.5""");
	}

	@Test
	void aWrongLabelMarksTheEventsThatMatchedSoFar() {
		this.tracker.track(Structured.builder("checkout", "complete").label("order-1").value(42.5).build());
		this.tracker.track(Structured.builder("checkout", "abandon").label("order-2").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasStructuredEvent("checkout", "complete").withLabel("order-2"))
			.withMessage("""
					Expecting a structured event with category "checkout" and action "complete", label "order-2"
					but none of the 2 events captured matches (1 matches a structured event with category "checkout" \
					and action "complete", marked >):
					> 1. se category="checkout" action="complete" label="order-1" value=42.5
					  2. se category="checkout" action="abandon" label="order-2\"""");
	}

	@Test
	void nothingCapturedSaysSo() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasStructuredEvent("checkout", "complete"))
			.withMessage("""
					Expecting a structured event with category "checkout" and action "complete"
					but no event was captured""");
	}

	@Test
	void wrongSelfDescribingDataShowsTheDataThatWasSent() {
		this.tracker.track(SelfDescribing.builder(STEP, Map.of("step", 3)).build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasSelfDescribingEvent(STEP).withData("step", 2))
			.withMessage("""
					Expecting a self-describing event of schema %s, data step=2
					but none of the 1 event captured matches (1 matches a self-describing event of schema %s, marked >):
					> 1. ue %s {"step":3}""".formatted(STEP, STEP, STEP));
	}

	@Test
	void failedDataRequirementsAreQuoted() {
		this.tracker.track(SelfDescribing.builder(STEP, Map.of("step", 3)).build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasSelfDescribingEvent(STEP)
				.withDataSatisfying((data) -> org.assertj.core.api.Assertions.assertThat(data.path("step").intValue()).as("step").isEqualTo(2)))
			.withMessageContaining("data satisfying the requirements")
			.withMessageContaining("> 1. ue " + STEP)
			.withMessageContaining("The first marked event failed them with: [step]");
	}

	@Test
	void aMissingContextEntityListsTheEventsWithTheirEntities() {
		this.tracker.track(PageView.builder("https://shop.example/").context(SelfDescribingJson.of(USER, Map.of("id", "u2"))).build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasPageView("https://shop.example/").withContext(USER, Map.of("id", "u1")))
			.withMessage("""
					Expecting a page view with url "https://shop.example/", context entity %s with {"id":"u1"}
					but none of the 1 event captured matches (1 matches a page view with url "https://shop.example/", marked >):
					> 1. pv url="https://shop.example/" contexts=[%s {"id":"u2"}]""".formatted(USER, USER));
	}

	@Test
	void aTransactionWithOtherItemsListsItsItems() {
		this.tracker.track(EcommerceTransaction.builder("order-1", 25).items(EcommerceTransactionItem.of("mug-1", 12.5, 2)).build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasTransaction("order-1").withItem("mug-1", 3))
			.withMessage("""
					Expecting a transaction with order id "order-1", an item "mug-1" x 3
					but none of the 2 events captured matches (1 matches a transaction with order id "order-1", marked >):
					> 1. tr order="order-1" total=25
					  2. ti order="order-1" sku="mug-1" quantity=2 price=12.5""");
	}

	@Test
	void theWrongNumberOfMatchesMarksThem() {
		this.tracker.track(Structured.builder("basket", "add").label("mug-1").build());
		this.tracker.track(Structured.builder("basket", "add").label("mug-1").build());
		this.tracker.track(PageView.builder("https://shop.example/").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasStructuredEvent("basket", "add").once())
			.withMessage("""
					Expecting a structured event with category "basket" and action "add" exactly 1 time
					but 2 of the 3 events captured match (marked >):
					> 1. se category="basket" action="add" label="mug-1"
					> 2. se category="basket" action="add" label="mug-1"
					  3. pv url="https://shop.example/\"""");
	}

	@Test
	void theWrongNumberOfEventsListsThem() {
		this.tracker.track(PageView.builder("https://shop.example/").build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.capturing).hasNoEvents())
			.withMessage("""
					Expecting 0 events
					but 1 was captured:
					  1. pv url="https://shop.example/\"""");
	}

	@Test
	void theWrongNumberOfEventsOfATypeMarksThem() {
		this.tracker.track(PageView.builder("https://shop.example/").build());
		this.tracker.track(Structured.builder("basket", "add").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).hasEventCount(EventType.PAGE_VIEW, 2))
			.withMessage("""
					Expecting 2 page views
					but 1 page view was captured, among 2 events (marked >):
					> 1. pv url="https://shop.example/"
					  2. se category="basket" action="add\"""");
	}

	@Test
	void aDescriptionGivenWithAsPrefixesTheMessagesOfNarrowedAssertions() {
		this.tracker.track(Structured.builder("checkout", "complete").label("order-1").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.capturing).as("checkout").hasStructuredEvent("checkout", "complete").withLabel("order-2"))
			.withMessageStartingWith("[checkout] Expecting a structured event");
	}

	@Test
	void eventsOfTheTrackerConformToTheIgluSchemas() {
		this.tracker.track(PageView.builder("https://shop.example/").build());
		this.tracker.track(ScreenView.builder("basket").build());
		this.tracker.track(EcommerceTransaction.builder("order-1", 25).items(EcommerceTransactionItem.of("mug-1", 12.5, 2)).build());
		assertThat(this.capturing).allConformToSchemas();
	}

	@Test
	void anEventOfASchemaNotOnTheClassPathDoesNotConformAndTheViolationIsShown() {
		String unknown = "iglu:com.acme/unknown_event/jsonschema/1-0-0";
		this.tracker.track(PageView.builder("https://shop.example/").build());
		this.tracker.track(SelfDescribing.builder(unknown, Map.of("step", 2)).build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.capturing).allConformToSchemas())
			.withMessage("""
					Expecting every captured event to conform to its Iglu schemas
					but 1 of the 2 events captured does not:
					  2. ue %s {"step":2}
					       ue_px.data: no schema for %s [%s]""".formatted(unknown, unknown, unknown));
	}

	@Test
	void schemasOfYourOwnOnTheClassPathAreFound() {
		// src/test/resources/iglu/schemas/com.acme/checkout_step/jsonschema/1-0-0 requires a step of at least 1
		this.tracker.track(SelfDescribing.builder(STEP, Map.of("step", 2)).build());
		assertThat(this.capturing).allConformToSchemas();
		this.tracker.track(SelfDescribing.builder(STEP, Map.of("step", 0)).build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.capturing).allConformToSchemas())
			.withMessageContaining("  2. ue " + STEP + " {\"step\":0}\n       ue_px.data.data.step");
	}

	@Test
	void eventsConformToSchemasOfYourOwn() {
		PayloadValidator validator = PayloadValidator.of(IgluResolver.builder()
			.register(STEP, """
					{"$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
					 "self": {"vendor": "com.acme", "name": "checkout_step", "format": "jsonschema", "version": "1-0-0"},
					 "type": "object", "properties": {"step": {"type": "integer", "minimum": 1}},
					 "required": ["step"], "additionalProperties": false}""")
			.build());
		this.tracker.track(SelfDescribing.builder(STEP, Map.of("step", 2)).build());
		assertThat(this.capturing).allConformToSchemas(validator);
		this.tracker.track(SelfDescribing.builder(STEP, Map.of("step", 0)).build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.capturing).allConformToSchemas(validator))
			.withMessageContaining("  2. ue " + STEP + " {\"step\":0}")
			.withMessageContaining("ue_px.data.data.step");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
