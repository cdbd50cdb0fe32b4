package io.github.snowplowspring.testcollector;

import java.io.IOException;

/** A request the server cannot frame; it answers {@link #status()} and closes the connection. */
final class HttpProtocolException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int status;

	HttpProtocolException(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return status;
	}
}
