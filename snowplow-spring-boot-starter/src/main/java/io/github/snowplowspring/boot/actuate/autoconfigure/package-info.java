/**
 * Auto-configuration of the actuator support: endpoint, health and metrics, one concern each.
 */
@NullMarked
package io.github.snowplowspring.boot.actuate.autoconfigure;

import org.jspecify.annotations.NullMarked;
