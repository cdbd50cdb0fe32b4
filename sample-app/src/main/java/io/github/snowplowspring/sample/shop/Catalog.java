package io.github.snowplowspring.sample.shop;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The shop's few products. */
@Component
public class Catalog {

	private final List<Product> products = List.of(new Product("mug-1", "Mug", "kitchen", 12.5),
			new Product("tee-2", "T-shirt", "clothes", 19.0), new Product("cap-3", "Cap", "clothes", 9.9),
			new Product("pen-4", "Pen", "office", 2.4));

	/** Every product. */
	public List<Product> products() {
		return this.products;
	}

	/** The product with this SKU. */
	public Optional<Product> find(String sku) {
		return this.products.stream().filter((product) -> product.sku().equals(sku)).findFirst();
	}

}
