/**
 * Actuator support: the {@code snowplow} endpoint, the health indicator and the meters.
 */
@NullMarked
package io.github.snowplowspring.boot.actuate;

import org.jspecify.annotations.NullMarked;
