/**
 * HTTP transports built on Spring's HTTP clients.
 */
@NullMarked
package io.github.snowplowspring.boot.http;

import org.jspecify.annotations.NullMarked;
