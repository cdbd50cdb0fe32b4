/**
 * A local development collector, like Snowplow Micro but in-process: it receives what the
 * application's emitters send, validates every event against the Iglu schemas, and shows the
 * good and bad events as JSON and as a web page.
 */
@NullMarked
package io.github.snowplowspring.boot.localcollector;

import org.jspecify.annotations.NullMarked;
