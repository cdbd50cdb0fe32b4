package io.github.snowplowspring.boot.localcollector;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the local development collector.
 */
@ConfigurationProperties("snowplow.local-collector")
public class LocalCollectorProperties {

	/**
	 * Whether to run a local collector that validates and shows every event it receives.
	 */
	private boolean enabled;

	/**
	 * Port to listen on; 0 for a free one, published as local.snowplow-collector.port.
	 */
	private int port = 9090;

	/**
	 * Network address to listen on; the loopback address when not set, so that only this machine can reach it.
	 */
	private @Nullable InetAddress address;

	/**
	 * Most events to keep, good and bad; the oldest are forgotten first.
	 */
	private int maxEvents = 1000;

	/**
	 * Largest request body accepted; a larger one is answered 413 and recorded as bad.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

	public int getMaxEvents() {
		return this.maxEvents;
	}

	public void setMaxEvents(int maxEvents) {
		this.maxEvents = maxEvents;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

}
