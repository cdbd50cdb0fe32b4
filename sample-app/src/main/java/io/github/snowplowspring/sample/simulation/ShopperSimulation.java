package io.github.snowplowspring.sample.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.github.snowplowspring.sample.shop.Catalog;
import io.github.snowplowspring.sample.shop.Product;
import io.github.snowplowspring.sample.shop.ShopTracking;
import io.github.snowplowspring.tracker.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Shoppers that visit the shop at about {@code sample.simulation.rate} events per second, so that
 * events flow as soon as the sample starts. Each visit exercises every event type: page views, a
 * page ping, a screen view, a structured and a self-describing add-to-cart, and every other visit
 * checkout steps, a timing and a transaction with its items.
 */
@Component
public class ShopperSimulation implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ShopperSimulation.class);

	private final Catalog catalog;

	private final ShopTracking tracking;

	private final double rate;

	private final AtomicLong visits = new AtomicLong();

	private volatile Thread thread;

	public ShopperSimulation(Catalog catalog, ShopTracking tracking, SimulationProperties properties) {
		this.catalog = catalog;
		this.tracking = tracking;
		this.rate = properties.getRate();
	}

	/** Visits completed so far. */
	public long visits() {
		return this.visits.get();
	}

	/**
	 * One shopper's visit.
	 * @param checkout whether the shopper also pays
	 * @return how many events the visit tracked
	 */
	public int visit(boolean checkout) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Subject shopper = Subject.builder()
			.userId("shopper-" + random.nextInt(1, 1000))
			.sessionId(UUID.randomUUID().toString())
			.ipAddress("203.0.113." + random.nextInt(1, 255))
			.userAgent("Mozilla/5.0 (X11; Linux x86_64) SampleShopper/1.0")
			.language("en-GB")
			.timezone("Europe/London")
			.build();
		List<Product> products = this.catalog.products();
		Product product = products.get(random.nextInt(products.size()));
		this.tracking.pageView(shopper, "/products", "Shop", List.of());
		this.tracking.pageView(shopper, "/products/" + product.sku(), "Product " + product.sku(),
				List.of(product.context()));
		this.tracking.pagePing(shopper, "/products/" + product.sku(), random.nextInt(100, 2000));
		this.tracking.screenView(shopper, "product");
		int quantity = random.nextInt(1, 4);
		this.tracking.addToCart(shopper, product, quantity);
		int events = 6;
		if (checkout) {
			this.tracking.checkout(shopper, Map.of(product, quantity), Duration.ofMillis(random.nextInt(80, 900)));
			events += 5; // two checkout steps, a timing, the transaction and its item
		}
		this.visits.incrementAndGet();
		return events;
	}

	@Override
	public void start() {
		if (this.rate <= 0) {
			logger.info("The shopper simulation is off (sample.simulation.rate=0)");
			return;
		}
		Thread simulation = new Thread(this::run, "sample-shoppers");
		simulation.setDaemon(true);
		this.thread = simulation;
		simulation.start();
		logger.info("Simulating shoppers at about {} events per second (sample.simulation.rate)", this.rate);
	}

	private void run() {
		boolean checkout = false;
		while (this.thread == Thread.currentThread()) {
			int events = visit(checkout);
			checkout = !checkout;
			try {
				Thread.sleep((long) (events * 1000 / this.rate));
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void stop() {
		Thread simulation = this.thread;
		this.thread = null;
		if (simulation != null) {
			simulation.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
