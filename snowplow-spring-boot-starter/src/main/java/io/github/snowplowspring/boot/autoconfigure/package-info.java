/**
 * Spring Boot auto-configuration for the Snowplow tracker.
 */
@NullMarked
package io.github.snowplowspring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
