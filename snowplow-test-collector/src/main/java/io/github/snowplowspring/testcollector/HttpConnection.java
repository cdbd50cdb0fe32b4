package io.github.snowplowspring.testcollector;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One accepted TCP connection. Reads and writes happen on a worker while the channel is in
 * blocking mode; between requests the channel waits, non-blocking, in the server's selector.
 */
final class HttpConnection {

	/** Bounds how long a worker waits for the rest of a request that has started to arrive. */
	private static final int READ_TIMEOUT_MILLIS = 30_000;
	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final long id;
	private final SocketChannel channel;
	private @Nullable InputStream in;

	HttpConnection(long id, SocketChannel channel) {
		this.id = id;
		this.channel = channel;
	}

	long id() {
		return id;
	}

	SocketChannel channel() {
		return channel;
	}

	/** The next request, or {@code null} when the client closed the connection between requests. */
	@Nullable WireRequest readRequest() throws IOException {
		InputStream input = input();
		RequestHead head = HttpRequestParser.readHead(input);
		if (head == null) {
			return null;
		}
		if (head.expectsContinue()) {
			write(CONTINUE);
		}
		byte[] body = HttpRequestParser.readBody(input, head);
		return new WireRequest(head, body, Instant.now());
	}

	/** Whether the next request has already arrived, so the worker should read it rather than park the connection. */
	boolean hasPendingInput() throws IOException {
		return in != null && in.available() > 0;
	}

	/**
	 * Sends the answer as one write: with TCP_NODELAY set, a single segment leaves no room for a
	 * Nagle/delayed-ACK stall.
	 *
	 * @return whether the connection stays open for another request
	 */
	boolean answer(Response response, @Nullable RequestHead request) throws IOException {
		boolean keepAlive = request != null && request.keepAlive() && !response.closesConnection();
		boolean bodyless = response.status() == 204 || response.status() == 304;
		byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(160)
				.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
		for (Response.Header header : response.headers()) {
			head.append(header.name()).append(": ").append(header.value()).append("\r\n");
		}
		if (!bodyless) {
			if (body.length > 0 && !response.hasHeader("Content-Type")) {
				head.append("Content-Type: text/plain; charset=utf-8\r\n");
			}
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		if (!keepAlive && !response.closesConnection()) {
			head.append("Connection: close\r\n");
		} else if (keepAlive && request.version().equals("HTTP/1.0")) {
			head.append("Connection: keep-alive\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
		out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (!bodyless && (request == null || !request.method().equals("HEAD"))) {
			out.writeBytes(body);
		}
		write(out.toByteArray());
		return keepAlive;
	}

	void close() {
		try {
			channel.close();
		} catch (IOException e) {
			// closing is best effort: the peer may already be gone
		}
	}

	private InputStream input() throws IOException {
		if (in == null) {
			channel.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
			in = new BufferedInputStream(channel.socket().getInputStream(), 16 * 1024);
		}
		return in;
	}

	private void write(byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 201 -> "Created";
			case 202 -> "Accepted";
			case 204 -> "No Content";
			case 301 -> "Moved Permanently";
			case 302 -> "Found";
			case 303 -> "See Other";
			case 307 -> "Temporary Redirect";
			case 308 -> "Permanent Redirect";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 410 -> "Gone";
			case 413 -> "Content Too Large";
			case 422 -> "Unprocessable Content";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "Status " + status;
		};
	}
}
