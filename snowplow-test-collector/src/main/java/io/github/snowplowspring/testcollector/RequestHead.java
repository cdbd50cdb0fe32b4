package io.github.snowplowspring.testcollector;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The request line and headers (names case-insensitive) of one HTTP/1.x request. */
record RequestHead(String method, String target, String version, Map<String, List<String>> headers) {

	@Nullable String header(String name) {
		List<String> values = headers.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it. */
	boolean keepAlive() {
		String connection = lower(header("Connection"));
		return version.equals("HTTP/1.0") ? connection.contains("keep-alive") : !connection.contains("close");
	}

	boolean expectsContinue() {
		return lower(header("Expect")).equals("100-continue") && !version.equals("HTTP/1.0");
	}

	boolean chunked() {
		return lower(header("Transfer-Encoding")).endsWith("chunked");
	}

	private static String lower(@Nullable String value) {
		return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
	}
}
