/**
 * Payloads in the Snowplow tracker protocol: every value a string.
 */
@NullMarked
package io.github.snowplowspring.tracker.payload;

import org.jspecify.annotations.NullMarked;
