package io.github.snowplowspring.sample;

import java.time.Duration;
import java.util.Map;

import io.github.snowplowspring.sample.shop.Catalog;
import io.github.snowplowspring.sample.shop.Product;
import io.github.snowplowspring.sample.shop.ShopTracking;
import io.github.snowplowspring.sample.simulation.ShopperSimulation;
import io.github.snowplowspring.test.CapturingEmitter;
import io.github.snowplowspring.test.EventType;
import io.github.snowplowspring.test.autoconfigure.AutoConfigureSnowplowCapture;
import io.github.snowplowspring.tracker.Subject;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static io.github.snowplowspring.test.assertj.SnowplowAssertions.assertThat;

/**
 * What the shop tracks, captured by the test kit (nothing leaves the test) and checked against
 * the Iglu schemas, the sample's own included.
 */
@SpringBootTest(properties = { "sample.simulation.rate=0", "snowplow.local-collector.enabled=false" })
@AutoConfigureSnowplowCapture
class SampleApplicationTest {

	@Autowired
	private ShopperSimulation simulation;

	@Autowired
	private ShopTracking tracking;

	@Autowired
	private Catalog catalog;

	@Autowired
	private CapturingEmitter capturing;

	@Test
	void aVisitTracksEveryEventTypeAndEverythingConforms() {
		int events = this.simulation.visit(true);
		assertThat(this.capturing).hasEventCount(events);
		for (EventType type : EventType.values()) {
			assertThat(this.capturing).hasEvent(type);
		}
		assertThat(this.capturing).hasSelfDescribingEventCount(
				"iglu:io.github.snowplowspring.sample/checkout_step/jsonschema/1-0-0", 2);
		assertThat(this.capturing).allConformToSchemas();
	}

	@Test
	void checkoutTracksTheTransactionWithItsItems() {
		Product mug = this.catalog.find("mug-1").orElseThrow();
		String orderId = this.tracking.checkout(Subject.builder().userId("u-1").build(), Map.of(mug, 2),
				Duration.ofMillis(120));
		assertThat(this.capturing).hasTransaction(orderId).withTotal(25).withCurrency("EUR").withItems(Map.of("mug-1", 2));
		assertThat(this.capturing).hasEvent(EventType.TRANSACTION_ITEM).withContext(Product.SCHEMA);
		assertThat(this.capturing).hasSelfDescribingEvent("iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0")
			.withData("variable", "payment");
	}

	@Test
	void addingToTheCartTracksAStructuredAndASelfDescribingEvent() {
		Product cap = this.catalog.find("cap-3").orElseThrow();
		this.tracking.addToCart(Subject.builder().userId("u-2").build(), cap, 3);
		assertThat(this.capturing).hasStructuredEvent("cart", "add").withLabel("cap-3").withContext(Product.SCHEMA).once();
		assertThat(this.capturing).hasSelfDescribingEvent("iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0")
			.withData("quantity", 3)
			.withData("sku", "cap-3");
	}

}
