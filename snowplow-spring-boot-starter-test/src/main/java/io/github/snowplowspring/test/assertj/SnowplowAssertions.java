package io.github.snowplowspring.test.assertj;

import java.util.List;

import io.github.snowplowspring.test.CapturedEvent;
import io.github.snowplowspring.test.CapturingEmitter;
import io.github.snowplowspring.test.junit.FakeCollectorExtension;
import io.github.snowplowspring.testcollector.LoopbackCollector;

/**
 * Entry points of the AssertJ assertions on tracked events.
 *
 * <pre>{@code
 * import static io.github.snowplowspring.test.assertj.SnowplowAssertions.assertThat;
 *
 * assertThat(capturing).hasPageView("https://shop.example.com/basket").withTitle("Basket");
 * assertThat(capturing).hasStructuredEvent("checkout", "complete").withLabel("order-1").once();
 * }</pre>
 */
public final class SnowplowAssertions {

	private SnowplowAssertions() {
	}

	/**
	 * Assertions on the events a capturing emitter holds now.
	 * @param emitter the capturing emitter
	 * @return the assertion
	 */
	public static SnowplowEventsAssert assertThat(CapturingEmitter emitter) {
		return new SnowplowEventsAssert(emitter.events());
	}

	/**
	 * Assertions on the events a fake collector has received so far, duplicates included.
	 * @param collector the extension's collector
	 * @return the assertion
	 */
	public static SnowplowEventsAssert assertThat(FakeCollectorExtension collector) {
		return new SnowplowEventsAssert(collector.events());
	}

	/**
	 * Assertions on the events a loopback collector has received so far, duplicates included.
	 * @param collector the collector
	 * @return the assertion
	 */
	public static SnowplowEventsAssert assertThat(LoopbackCollector collector) {
		return new SnowplowEventsAssert(collector.events().stream().map(CapturedEvent::of).toList());
	}

	/**
	 * Assertions on a list of events.
	 * @param events the events
	 * @return the assertion
	 */
	public static SnowplowEventsAssert assertThatEvents(List<CapturedEvent> events) {
		return new SnowplowEventsAssert(events);
	}

}
