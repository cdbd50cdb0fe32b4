package io.github.snowplowspring.sample.shop;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.Subject;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shop's web face. Every GET is tracked as a page view by {@link PageViewInterceptor}; the
 * actions track their events through {@link ShopTracking}.
 */
@RestController
public class ShopController {

	private final Catalog catalog;

	private final ShopTracking tracking;

	public ShopController(Catalog catalog, ShopTracking tracking) {
		this.catalog = catalog;
		this.tracking = tracking;
	}

	@GetMapping("/products")
	public List<Product> products() {
		return this.catalog.products();
	}

	@GetMapping("/products/{sku}")
	public Product product(@PathVariable String sku) {
		return product(sku, this.catalog);
	}

	@PostMapping("/cart")
	public Map<String, Object> addToCart(@RequestParam String sku, @RequestParam(defaultValue = "1") int quantity,
			HttpServletRequest request) {
		Product product = product(sku, this.catalog);
		this.tracking.addToCart(PageViewInterceptor.subjectOf(request), product, quantity);
		return Map.of("added", sku, "quantity", quantity);
	}

	@PostMapping("/checkout")
	public Map<String, Object> checkout(@RequestParam String sku, @RequestParam(defaultValue = "1") int quantity,
			HttpServletRequest request) {
		Product product = product(sku, this.catalog);
		long start = System.nanoTime();
		Subject shopper = PageViewInterceptor.subjectOf(request);
		String orderId = this.tracking.checkout(shopper, Map.of(product, quantity),
				Duration.ofNanos(System.nanoTime() - start));
		return Map.of("orderId", orderId);
	}

	private static Product product(String sku, Catalog catalog) {
		return catalog.find(sku)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + sku));
	}

}
