package io.github.snowplowspring.testcollector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the collector does with one request: an HTTP answer, or a connection fault.
 *
 * <p>Build one with the static factories and refine it with the {@code header}, {@code body} and
 * {@code delay} variants, e.g. {@code Response.status(429).header("Retry-After", "7")}.
 *
 * @param action what the collector does
 * @param status the HTTP status of an {@link Action#ANSWER}, or {@link RecordedRequest#NO_RESPONSE}
 *     for the faults that send none
 * @param headers extra response headers, in order ({@code Content-Length} is always set by the collector)
 * @param body the response body, sent as UTF-8
 * @param delay how long to wait after reading the request before acting
 * @param hang how long a {@link Action#RECORD_THEN_HANG} holds the connection open before closing it
 */
public record Response(Action action, int status, List<Header> headers, String body, Duration delay, Duration hang) {

	/** What the collector does once the request is read. */
	public enum Action {
		/** Send an HTTP answer; its events count as received when the status is 2xx. */
		ANSWER,
		/** Close the TCP connection without answering; nothing is recorded as received. */
		CLOSE_CONNECTION,
		/** Record the events as received, then close without answering (an ambiguous failure). */
		RECORD_THEN_CLOSE,
		/** Record the events as received, then send nothing until {@code hang} has passed, then close. */
		RECORD_THEN_HANG
	}

	/**
	 * One response header.
	 *
	 * @param name the header name
	 * @param value the header value
	 */
	public record Header(String name, String value) {

		/** Checks that the header cannot break the response framing. */
		public Header {
			if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != ':')) {
				throw new IllegalArgumentException("header name must be a non-empty token, got '" + name + "'");
			}
			if (!value.chars().allMatch(c -> c == '\t' || (c >= ' ' && c != 127 && c < 256))) {
				throw new IllegalArgumentException("header " + name + " has a control character in its value");
			}
			if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
				throw new IllegalArgumentException(name + " is set by the collector from the body");
			}
		}
	}

	/** Checks the combination eagerly, so that a wrong script fails where it is written. */
	public Response {
		Objects.requireNonNull(action, "action");
		headers = List.copyOf(headers);
		Objects.requireNonNull(body, "body");
		if (action == Action.ANSWER && (status < 200 || status > 599)) {
			throw new IllegalArgumentException("status must be within 200..599, got " + status);
		}
		if (action != Action.ANSWER && (status != RecordedRequest.NO_RESPONSE || !headers.isEmpty() || !body.isEmpty())) {
			throw new IllegalArgumentException(action + " sends no answer, so it takes no status, header or body");
		}
		if ((status == 204 || status == 304) && !body.isEmpty()) {
			throw new IllegalArgumentException("a " + status + " answer has no body");
		}
		requireNonNegative(delay, "delay");
		requireNonNegative(hang, "hang");
	}

	/**
	 * An empty 200 answer, the collector's default.
	 *
	 * @return the response
	 */
	public static Response ok() {
		return status(200);
	}

	/**
	 * An answer with this status and an empty body.
	 *
	 * @param status the HTTP status, 200..599
	 * @return the response
	 */
	public static Response status(int status) {
		return new Response(Action.ANSWER, status, List.of(), "", Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Reads the request, then drops the connection with no answer; the client sees an I/O error.
	 *
	 * @return the response
	 */
	public static Response closeConnection() {
		return fault(Action.CLOSE_CONNECTION, Duration.ZERO);
	}

	/**
	 * Records the events as received, then drops the connection with no answer.
	 *
	 * @return the response
	 */
	public static Response recordThenClose() {
		return fault(Action.RECORD_THEN_CLOSE, Duration.ZERO);
	}

	/**
	 * Records the events as received, then answers nothing for {@code hang} (longer than the
	 * client's timeout), then closes the connection.
	 *
	 * @param hang how long to hold the connection silently
	 * @return the response
	 */
	public static Response recordThenHang(Duration hang) {
		return fault(Action.RECORD_THEN_HANG, hang);
	}

	/**
	 * This answer with one more header, e.g. {@code Retry-After} or {@code Location}.
	 *
	 * @param name the header name
	 * @param value the header value
	 * @return a new response
	 */
	public Response header(String name, String value) {
		List<Header> more = new ArrayList<>(headers);
		more.add(new Header(name, value));
		return new Response(action, status, more, body, delay, hang);
	}

	/**
	 * This answer with a body; {@code Content-Type} defaults to {@code text/plain; charset=utf-8}
	 * unless a header sets it.
	 *
	 * @param body the body text
	 * @return a new response
	 */
	public Response body(String body) {
		return new Response(action, status, headers, body, delay, hang);
	}

	/**
	 * This response, acted on only after {@code delay} (the request is read at once).
	 *
	 * @param delay the wait before answering or faulting
	 * @return a new response
	 */
	public Response delay(Duration delay) {
		return new Response(action, status, headers, body, delay, hang);
	}

	/**
	 * Whether the request's events count as received: a 2xx answer or a record-then fault.
	 *
	 * @return {@code true} if the collector stores the events
	 */
	public boolean storesEvents() {
		return switch (action) {
			case ANSWER -> status >= 200 && status < 300;
			case RECORD_THEN_CLOSE, RECORD_THEN_HANG -> true;
			case CLOSE_CONNECTION -> false;
		};
	}

	boolean hasHeader(String name) {
		return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
	}

	boolean closesConnection() {
		return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Connection")
				&& h.value().toLowerCase(Locale.ROOT).contains("close"));
	}

	private static Response fault(Action action, Duration hang) {
		return new Response(action, RecordedRequest.NO_RESPONSE, List.of(), "", Duration.ZERO, hang);
	}

	private static void requireNonNegative(Duration duration, String name) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, got " + duration);
		}
	}
}
