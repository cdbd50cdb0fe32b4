/**
 * The tracker: tracks events and hands their payloads to emitters.
 */
@NullMarked
package io.github.snowplowspring.tracker;

import org.jspecify.annotations.NullMarked;
