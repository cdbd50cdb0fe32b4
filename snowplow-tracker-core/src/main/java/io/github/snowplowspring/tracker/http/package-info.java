/**
 * The HTTP transport to a Snowplow collector, on the JDK HttpClient.
 */
@NullMarked
package io.github.snowplowspring.tracker.http;

import org.jspecify.annotations.NullMarked;
