package io.github.snowplowspring.testcollector;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Reads HTTP/1.x request framing from a buffered stream: request line, headers, then a Content-Length or chunked body. */
final class HttpRequestParser {

	static final int MAX_LINE_BYTES = 16 * 1024;
	static final int MAX_HEADERS = 256;
	static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

	private HttpRequestParser() {
	}

	/** The next request head, or {@code null} when the client closed the connection between requests. */
	static @Nullable RequestHead readHead(InputStream in) throws IOException {
		String line = readLine(in);
		while (line != null && line.isEmpty()) {
			line = readLine(in); // RFC 9112 asks servers to skip stray CRLFs before a request line
		}
		if (line == null) {
			return null;
		}
		String[] parts = line.split(" ", -1);
		if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
			throw new HttpProtocolException(400, "not an HTTP/1.x request line: " + line);
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String header = requireLine(in); !header.isEmpty(); header = requireLine(in)) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				throw new HttpProtocolException(400, "not a header line: " + header);
			}
			if (headers.size() >= MAX_HEADERS) {
				throw new HttpProtocolException(431, "more than " + MAX_HEADERS + " headers");
			}
			headers.computeIfAbsent(header.substring(0, colon).trim(), name -> new ArrayList<>())
					.add(header.substring(colon + 1).trim());
		}
		return new RequestHead(parts[0], parts[1], parts[2], headers);
	}

	static byte[] readBody(InputStream in, RequestHead head) throws IOException {
		if (head.header("Transfer-Encoding") != null) {
			if (!head.chunked()) {
				throw new HttpProtocolException(501, "unsupported Transfer-Encoding " + head.header("Transfer-Encoding"));
			}
			return readChunked(in);
		}
		String length = head.header("Content-Length");
		return length == null ? new byte[0] : readFully(in, parseLength(length, 10, "Content-Length"));
	}

	private static byte[] readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = requireLine(in);
			int extension = sizeLine.indexOf(';');
			int size = parseLength(extension < 0 ? sizeLine : sizeLine.substring(0, extension), 16, "chunk size");
			if (size == 0) {
				break;
			}
			if (body.size() + (long) size > MAX_BODY_BYTES) {
				throw new HttpProtocolException(413, "chunked body above " + MAX_BODY_BYTES + " bytes");
			}
			body.write(readFully(in, size));
			if (!requireLine(in).isEmpty()) {
				throw new HttpProtocolException(400, "chunk not followed by CRLF");
			}
		}
		while (!requireLine(in).isEmpty()) {
			// trailer fields carry nothing a collector needs
		}
		return body.toByteArray();
	}

	private static int parseLength(String text, int radix, String what) throws HttpProtocolException {
		long value;
		try {
			value = Long.parseLong(text.trim(), radix);
		} catch (NumberFormatException e) {
			throw new HttpProtocolException(400, "bad " + what + ": " + text);
		}
		if (value < 0) {
			throw new HttpProtocolException(400, "negative " + what + ": " + text);
		}
		if (value > MAX_BODY_BYTES) {
			throw new HttpProtocolException(413, what + " " + value + " is above " + MAX_BODY_BYTES + " bytes");
		}
		return (int) value;
	}

	private static byte[] readFully(InputStream in, int length) throws IOException {
		byte[] bytes = in.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("connection closed after " + bytes.length + " of " + length + " body bytes");
		}
		return bytes;
	}

	private static String requireLine(InputStream in) throws IOException {
		String line = readLine(in);
		if (line == null) {
			throw new EOFException("connection closed inside a request");
		}
		return line;
	}

	/** A line without its CRLF (a bare LF is accepted), or {@code null} at end of stream before any byte. */
	private static @Nullable String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int b = in.read();
		if (b < 0) {
			return null;
		}
		while (b != '\n') {
			if (b < 0) {
				throw new EOFException("connection closed inside a line");
			}
			if (line.size() >= MAX_LINE_BYTES) {
				throw new HttpProtocolException(431, "line longer than " + MAX_LINE_BYTES + " bytes");
			}
			line.write(b);
			b = in.read();
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}
}
