package io.github.snowplowspring.sample;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.snowplowspring.tracker.Subject;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.FlushResult;
import io.github.snowplowspring.tracker.event.EcommerceTransaction;
import io.github.snowplowspring.tracker.event.EcommerceTransactionItem;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.ScreenView;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.event.Timing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/** Walks a few shoppers through the shop, tracking every kind of event, then flushes. */
public class ShopperSimulation implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(ShopperSimulation.class);

	private final Tracker tracker;

	private final int shoppers;

	private volatile FlushResult lastFlush = FlushResult.EMPTY;

	public ShopperSimulation(Tracker tracker, int shoppers) {
		this.tracker = tracker;
		this.shoppers = shoppers;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (int i = 1; i <= this.shoppers; i++) {
			shop("shopper-" + i);
		}
		this.lastFlush = this.tracker.flush(Duration.ofSeconds(10));
		logger.info("Simulated {} shopper(s); final flush: {}", this.shoppers, this.lastFlush);
	}

	/** What the final flush of the last run achieved. */
	public FlushResult lastFlush() {
		return this.lastFlush;
	}

	private void shop(String userId) {
		Subject shopper = Subject.builder().userId(userId).language("en-GB").timezone("Europe/London").build();
		SelfDescribingJson mug = SelfDescribingJson.of("iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0",
				Map.of("sku", "mug-1", "name", "Mug", "quantity", 1, "unitPrice", 12.5, "currency", "EUR"));
		this.tracker.track(PageView.builder("https://shop.example/").title("Shop").subject(shopper).build());
		this.tracker.track(ScreenView.builder("product").type("detail").subject(shopper).build());
		this.tracker.track(SelfDescribing.builder(mug).subject(shopper).build());
		this.tracker.track(Structured.builder("basket", "add").label("mug-1").value(12.5).subject(shopper).build());
		this.tracker.track(Timing.builder("checkout", "payment", Duration.ofMillis(420)).subject(shopper).build());
		this.tracker.track(EcommerceTransaction.builder("order-" + UUID.randomUUID(), 12.5)
			.currency("EUR")
			.items(EcommerceTransactionItem.of("mug-1", 12.5, 1, "Mug", "kitchen"))
			.subject(shopper)
			.build());
	}

}
