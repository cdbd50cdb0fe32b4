/**
 * Spring test support: {@link io.github.snowplowspring.test.autoconfigure.AutoConfigureSnowplowCapture}
 * puts a capturing emitter in place of the configured ones.
 */
@NullMarked
package io.github.snowplowspring.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
