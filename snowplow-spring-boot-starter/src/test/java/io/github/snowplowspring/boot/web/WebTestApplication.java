package io.github.snowplowspring.boot.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.snowplowspring.boot.track.TrackEvent;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.emitter.Emitter;
import io.github.snowplowspring.tracker.event.Structured;
import io.github.snowplowspring.tracker.payload.Payload;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small web application that tracks, for the web integration tests; its nested components register themselves. */
@SpringBootConfiguration
@EnableAutoConfiguration
class WebTestApplication {

	@Bean
	Captured captured() {
		return new Captured();
	}

	/** An emitter bean that keeps what it accepts: the registry adds it beside the configured ones. */
	static class Captured implements Emitter {

		final List<Payload> payloads = new CopyOnWriteArrayList<>();

		@Override
		public void accept(Payload payload) {
			this.payloads.add(payload);
		}

	}

	record Order(String id, double total) {
	}

	@RestController
	static class ShopController {

		private final Tracker tracker;

		private final OrderService orders;

		ShopController(Tracker tracker, OrderService orders) {
			this.tracker = tracker;
			this.orders = orders;
		}

		@GetMapping("/hello")
		String hello() {
			this.tracker.track(Structured.builder("test", "hello").build());
			return "hello";
		}

		@GetMapping("/pages/{name}")
		String page(@PathVariable String name) {
			return "page " + name;
		}

		@PostMapping("/orders/{id}")
		@TrackEvent(category = "order", action = "placed", label = "#id", value = "#result.total")
		Order place(@PathVariable String id) {
			return new Order(id, this.orders.total(new Order(id, 42.5)));
		}

		@GetMapping("/broken")
		@TrackEvent(category = "order", action = "broken", label = "#missing.name")
		String broken() {
			return "still here";
		}

	}

	@Service
	static class OrderService {

		@TrackEvent(schema = "iglu:com.acme/order/jsonschema/1-0-0", data = { "id = #order.id", "total = #result" })
		public double total(Order order) {
			return order.total();
		}

		@TrackEvent(schema = "iglu:com.acme/order/jsonschema/1-0-0", data = "id = #order.unknownProperty")
		public String failing(Order order) {
			return "result " + order.id();
		}

	}

}
