/**
 * Emitters: where payloads go, and the delivery engine with its buffer, retries and ledger.
 */
@NullMarked
package io.github.snowplowspring.tracker.emitter;

import org.jspecify.annotations.NullMarked;
