/**
 * What the tracker adds to events by itself: context entities from providers, the subject of the
 * current request, and which emitters an event goes to.
 */
@NullMarked
package io.github.snowplowspring.tracker.context;

import org.jspecify.annotations.NullMarked;
