package io.github.snowplowspring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Makes a Spring test send every tracked event to a {@link io.github.snowplowspring.test.CapturingEmitter}
 * bean instead of the emitters configured under {@code snowplow.emitters}: those are not built,
 * and no worker runs, so nothing leaves the test. The {@code Tracker} is still the application's
 * own, built from its {@code snowplow.*} properties and {@code SnowplowTrackerCustomizer}s, so
 * the captured events are those the application would send. Works with {@code @SpringBootTest}
 * and with slices, such as {@code @WebMvcTest}.
 * <p>
 * Inject the emitter with {@code @Autowired CapturingEmitter capturing}; it is cleared before
 * each test method. {@code Emitter} beans the application defines itself stay attached.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureSnowplowCapture
 * class CheckoutTests {
 *
 *     @Autowired CheckoutService checkout;
 *     @Autowired CapturingEmitter capturing;
 *
 *     @Test
 *     void checkoutTracksTheTransaction() {
 *         checkout.complete(order);
 *         assertThat(capturing).hasTransaction("order-1").withItems(Map.of("mug-1", 2));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureSnowplowCapture {

}
