/**
 * Transports: how a batch of encoded events reaches its destination.
 */
@NullMarked
package io.github.snowplowspring.tracker.transport;

import org.jspecify.annotations.NullMarked;
