/**
 * JUnit Jupiter support: {@link io.github.snowplowspring.test.junit.FakeCollectorExtension}, a
 * fake collector whose faults a test scripts.
 */
@NullMarked
package io.github.snowplowspring.test.junit;

import org.jspecify.annotations.NullMarked;
