/**
 * AssertJ assertions on tracked events, from
 * {@link io.github.snowplowspring.test.assertj.SnowplowAssertions}: each failure lists what was
 * captured.
 */
@NullMarked
package io.github.snowplowspring.test.assertj;

import org.jspecify.annotations.NullMarked;
