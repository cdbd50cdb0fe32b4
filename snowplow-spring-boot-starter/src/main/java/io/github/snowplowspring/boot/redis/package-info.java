/**
 * Redis support: the RedisEmitter (a Redis list) and the workers that drain it to a collector.
 */
@NullMarked
package io.github.snowplowspring.boot.redis;

import org.jspecify.annotations.NullMarked;
