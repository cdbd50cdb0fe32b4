/**
 * A scriptable loopback stand-in for a Snowplow collector, for tests of delivery behaviour.
 *
 * <p>{@link io.github.snowplowspring.testcollector.LoopbackCollector} serves real HTTP/1.1 on
 * 127.0.0.1, records every {@link io.github.snowplowspring.testcollector.RecordedRequest} and the
 * events it carried, and answers with scripted {@link io.github.snowplowspring.testcollector.Response}s:
 * statuses, headers, delays and connection faults.
 */
@NullMarked
package io.github.snowplowspring.testcollector;

import org.jspecify.annotations.NullMarked;
