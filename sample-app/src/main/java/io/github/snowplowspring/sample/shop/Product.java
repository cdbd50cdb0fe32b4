package io.github.snowplowspring.sample.shop;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.snowplowspring.tracker.event.SelfDescribingJson;

/**
 * A product of the shop.
 *
 * @param sku its stock-keeping unit
 * @param name its name
 * @param category its category
 * @param price its unit price in euros
 */
public record Product(String sku, String name, String category, double price) {

	/** The schema of the product context entity, shipped in {@code iglu/schemas/}. */
	public static final String SCHEMA = "iglu:io.github.snowplowspring.sample/product/jsonschema/1-0-0";

	/** This product as a context entity. */
	public SelfDescribingJson context() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("sku", this.sku);
		data.put("name", this.name);
		data.put("category", this.category);
		data.put("price", this.price);
		return SelfDescribingJson.of(SCHEMA, data);
	}

}
