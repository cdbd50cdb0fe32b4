/**
 * Declarative tracking: {@link io.github.snowplowspring.boot.track.TrackEvent} on methods.
 */
@NullMarked
package io.github.snowplowspring.boot.track;

import org.jspecify.annotations.NullMarked;
