package io.github.snowplowspring.boot.actuate;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The web face of {@link SnowplowEndpoint}: {@code POST /actuator/snowplow/{name}} answers 404
 * for an unknown emitter, where a write operation returning nothing would answer 204.
 */
@EndpointWebExtension(endpoint = SnowplowEndpoint.class)
public class SnowplowEndpointWebExtension {

	private final SnowplowEndpoint delegate;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 */
	public SnowplowEndpointWebExtension(SnowplowEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Flushes one emitter, or sets its flush timer.
	 * @param name the emitter's name
	 * @param timeout how long a flush waits at most; 10s when absent
	 * @param flushInterval the new timer interval instead of a flush; 0s cancels the timer
	 * @return what the flush did or the new interval; 404 for an unknown name
	 */
	@WriteOperation
	public WebEndpointResponse<Object> flushOrSetInterval(@Selector String name, @Nullable Duration timeout,
			@Nullable Duration flushInterval) {
		Object result = this.delegate.flushOrSetInterval(name, timeout, flushInterval);
		return (result != null) ? new WebEndpointResponse<>(result)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
