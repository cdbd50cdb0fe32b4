/**
 * Test support for applications that track: {@link io.github.snowplowspring.test.CapturingEmitter}
 * keeps what a tracker sends, decoded as {@link io.github.snowplowspring.test.CapturedEvent}s.
 * Assertions are in {@code io.github.snowplowspring.test.assertj}, the fake collector for JUnit
 * in {@code io.github.snowplowspring.test.junit}, and {@code @AutoConfigureSnowplowCapture} in
 * {@code io.github.snowplowspring.test.autoconfigure}.
 */
@NullMarked
package io.github.snowplowspring.test;

import org.jspecify.annotations.NullMarked;
