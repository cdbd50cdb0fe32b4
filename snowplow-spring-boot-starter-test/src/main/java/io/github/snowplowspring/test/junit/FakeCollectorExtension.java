package io.github.snowplowspring.test.junit;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.test.CapturedEvent;
import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that runs a fake Snowplow collector on loopback (a {@link LoopbackCollector})
 * whose answers a test scripts: status sequences, latency, dropped connections, 413 above a size.
 * <p>
 * In a static field it starts before all tests, is reset (records and script) before each, and
 * closes after all; in an instance field, or registered with {@code @ExtendWith} and injected as
 * a {@code LoopbackCollector} parameter, the same per class or per test as JUnit calls it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeCollectorExtension collector = new FakeCollectorExtension();
 *
 * @DynamicPropertySource
 * static void snowplow(DynamicPropertyRegistry registry) {
 *     registry.add("snowplow.emitters.collector.endpoint", collector::endpoint);
 * }
 *
 * @Test
 * void retriesUntilTheCollectorRecovers() {
 *     collector.respondWithStatuses(503, 503);   // then the default, 200
 *     tracker.track(PageView.builder("https://shop.example/").build());
 *     collector.awaitEvents(1, Duration.ofSeconds(10));
 * }
 * }</pre>
 * <p>
 * A Spring context cached across test classes keeps sending to the port it was given; this
 * collector closes after its class, so leave nothing pending at the end of a class (or keep
 * {@code spring.lifecycle.timeout-per-shutdown-phase} short), or the final flush retries against
 * a closed port until it times out.
 */
public final class FakeCollectorExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

	private final LoopbackCollector.Builder builder;

	private @Nullable LoopbackCollector collector; // guarded by this

	private int classDepth; // guarded by this; nested classes call beforeAll again

	/** A collector on an ephemeral port of 127.0.0.1, with no base path. */
	public FakeCollectorExtension() {
		this(LoopbackCollector.builder());
	}

	/**
	 * A collector with options, such as a base path or a fixed port.
	 * @param builder the options; {@code start()} is called on it each time the extension starts
	 */
	public FakeCollectorExtension(LoopbackCollector.Builder builder) {
		this.builder = builder;
	}

	/**
	 * The running collector, started now if the extension has not started it yet (so a
	 * {@code @DynamicPropertySource} may ask for it before any test runs).
	 * @return the collector
	 */
	public synchronized LoopbackCollector collector() {
		if (this.collector == null) {
			this.collector = this.builder.start();
		}
		return this.collector;
	}

	/**
	 * The collector's URL, {@code http://127.0.0.1:<port>}.
	 * @return the URI
	 */
	public URI uri() {
		return collector().uri();
	}

	/**
	 * The collector's URL as a string, for {@code snowplow.emitters.<name>.endpoint}.
	 * @return the URL
	 */
	public String endpoint() {
		return uri().toString();
	}

	/**
	 * Queues answers for the next requests, in order; then the default answer (200) applies. For
	 * example {@code Response.status(503)}, {@code Response.ok().delay(Duration.ofSeconds(2))},
	 * {@code Response.closeConnection()}.
	 * @param responses one per request
	 */
	public void respond(Response... responses) {
		collector().respond(responses);
	}

	/**
	 * Queues plain answers with these statuses for the next requests, in order.
	 * @param statuses one per request, 200 to 599
	 */
	public void respondWithStatuses(int... statuses) {
		respond(Arrays.stream(statuses).mapToObj(Response::status).toArray(Response[]::new));
	}

	/**
	 * Sets the answer once the queued ones are used up, such as
	 * {@code Response.ok().delay(Duration.ofMillis(500))} for a slow collector.
	 * @param response the default answer
	 */
	public void setDefaultResponse(Response response) {
		collector().setDefaultResponse(response);
	}

	/**
	 * Answers 413 to every POST whose body is larger than {@code bytes}, until the next reset.
	 * @param bytes the largest body accepted
	 */
	public void rejectBodiesLargerThan(int bytes) {
		collector().rejectBodiesLargerThan(bytes);
	}

	/**
	 * The events received so far (a 2xx answer, or a fault that records), in arrival order,
	 * duplicates included, decoded.
	 * @return a snapshot
	 */
	public List<CapturedEvent> events() {
		return decode(collector().events());
	}

	/**
	 * Waits until at least {@code count} events were received, duplicates included.
	 * @param count the number of events
	 * @param timeout how long to wait at most
	 * @return the events received so far, decoded
	 * @throws AssertionError naming how many arrived, if fewer than {@code count} did in time
	 */
	public List<CapturedEvent> awaitEvents(int count, Duration timeout) {
		return decode(collector().awaitEvents(count, timeout));
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		this.classDepth++;
		collector();
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		if (this.collector != null && this.classDepth > 0) {
			this.collector.reset();
		}
		else {
			collector();
		}
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		// Started for this test alone (an instance field): ends with it.
		if (this.classDepth == 0) {
			close();
		}
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		this.classDepth = Math.max(0, this.classDepth - 1);
		if (this.classDepth == 0) {
			close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == LoopbackCollector.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return collector();
	}

	@Override
	public synchronized String toString() {
		return "FakeCollectorExtension[" + ((this.collector != null) ? this.collector : "not started") + "]";
	}

	private void close() {
		if (this.collector != null) {
			this.collector.close();
			this.collector = null;
		}
	}

	private static List<CapturedEvent> decode(List<Map<String, String>> events) {
		return events.stream().map(CapturedEvent::of).toList();
	}

}
