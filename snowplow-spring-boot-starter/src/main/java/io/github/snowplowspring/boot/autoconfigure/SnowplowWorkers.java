package io.github.snowplowspring.boot.autoconfigure;

import java.util.Map;

/**
 * Workers of this application (or monitors of lists nobody here drains), shown by the actuator
 * endpoint, the health indicator and the meters.
 */
@FunctionalInterface
public interface SnowplowWorkers {

	/**
	 * The state of each worker group, by a name such as {@code list:snowplow}.
	 * @return the states
	 */
	Map<String, WorkerStatus> status();

}
