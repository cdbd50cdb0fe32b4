/**
 * The current trace as a context entity of every event, from Micrometer Tracing.
 */
@NullMarked
package io.github.snowplowspring.boot.tracing;

import org.jspecify.annotations.NullMarked;
