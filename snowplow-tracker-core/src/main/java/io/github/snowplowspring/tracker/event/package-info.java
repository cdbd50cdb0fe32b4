/**
 * Events to track, as immutable value types with builders.
 */
@NullMarked
package io.github.snowplowspring.tracker.event;

import org.jspecify.annotations.NullMarked;
