/**
 * The Iglu Central JSON Schemas and a validator for Snowplow tracker output.
 *
 * <p>{@link io.github.snowplowspring.iglu.IgluResolver} finds and compiles schemas by Iglu URI;
 * {@link io.github.snowplowspring.iglu.PayloadValidator} checks a POST body, a GET query string or
 * one event the way a Snowplow pipeline would, and lists every {@link
 * io.github.snowplowspring.iglu.Violation} in a {@link io.github.snowplowspring.iglu.ValidationReport}.
 */
@NullMarked
package io.github.snowplowspring.iglu;

import org.jspecify.annotations.NullMarked;
