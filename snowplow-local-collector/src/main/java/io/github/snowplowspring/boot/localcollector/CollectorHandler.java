package io.github.snowplowspring.boot.localcollector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every request of the local collector: the tracker paths, the events as JSON, the page
 * and the reset. A request it cannot make sense of is answered and, on a tracker path, recorded
 * as bad; nothing a client sends makes it throw.
 */
final class CollectorHandler implements HttpHandler {

	static final String EVENTS_PATH = "/events";

	static final String RESET_PATH = "/reset";

	private static final Logger logger = LoggerFactory.getLogger(LocalCollector.class);

	// What a Snowplow collector answers to GET /i: a transparent 1x1 GIF.
	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

	private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

	// Read past the limit this far so that the client, still sending, gets to read the 413.
	private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	private final EventReader reader;

	private final EventStore store;

	private final long maxBodyBytes;

	private final Supplier<URI> uri;

	private final EventsPage page = new EventsPage(JSON);

	CollectorHandler(EventReader reader, EventStore store, long maxBodyBytes, Supplier<URI> uri) {
		this.reader = reader;
		this.store = store;
		this.maxBodyBytes = maxBodyBytes;
		this.uri = uri;
	}

	@Override
	public void handle(HttpExchange exchange) {
		try (exchange) {
			try {
				route(exchange);
			}
			catch (RuntimeException ex) {
				logger.warn("Local collector failed to answer {} {}", exchange.getRequestMethod(),
						exchange.getRequestURI(), ex);
				if (exchange.getResponseCode() == -1) {
					send(exchange, 500, "text/plain; charset=utf-8", bytes("internal error: " + ex));
				}
			}
		}
		catch (IOException ex) {
			// The client went away; there is no one left to answer.
			logger.debug("Local collector lost the connection answering {} {}", exchange.getRequestMethod(),
					exchange.getRequestURI(), ex);
		}
	}

	private void route(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getRawPath();
		switch ((path != null) ? path : "") {
			case EventReader.GET_PATH -> {
				if (method.equals("GET")) {
					Instant received = now();
					record(this.reader.fromQuery(exchange.getRequestURI().getRawQuery(), received));
					allowOrigin(exchange);
					send(exchange, 200, "image/gif", PIXEL);
				}
				else {
					notAllowed(exchange, "GET");
				}
			}
			case EventReader.POST_PATH -> {
				if (method.equals("POST")) {
					collectBody(exchange);
				}
				else if (method.equals("OPTIONS")) {
					allowOrigin(exchange);
					exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, SP-Anonymous");
					exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
					send(exchange, 200, "text/plain", new byte[0]);
				}
				else {
					notAllowed(exchange, "POST, OPTIONS");
				}
			}
			case EVENTS_PATH -> {
				if (method.equals("GET")) {
					events(exchange);
				}
				else if (method.equals("DELETE")) {
					this.store.clear();
					send(exchange, 204, "text/plain", new byte[0]);
				}
				else {
					notAllowed(exchange, "GET, DELETE");
				}
			}
			case RESET_PATH -> {
				if (method.equals("POST")) {
					this.store.clear();
					// The page's Clear button lands back on the page.
					exchange.getResponseHeaders().set("Location", "/");
					send(exchange, 303, "text/plain", new byte[0]);
				}
				else {
					notAllowed(exchange, "POST");
				}
			}
			case "/" -> {
				if (method.equals("GET")) {
					page(exchange);
				}
				else {
					notAllowed(exchange, "GET");
				}
			}
			default -> send(exchange, 404, "text/plain; charset=utf-8", bytes("not found; the local collector "
					+ "takes GET /i and POST " + EventReader.POST_PATH + ", and shows events at / and /events\n"));
		}
	}

	private void collectBody(HttpExchange exchange) throws IOException {
		Instant received = now();
		long declared = contentLength(exchange.getRequestHeaders());
		Body body = read(exchange.getRequestBody(), declared);
		if (body.bytes() == null) {
			long size = (declared >= 0) ? declared : body.read();
			record(List.of(EventReader.tooLarge(EventReader.POST_REQUEST, size, declared < 0 && !body.complete(),
					this.maxBodyBytes, received)));
			if (!body.complete()) {
				exchange.getResponseHeaders().set("Connection", "close");
			}
			send(exchange, 413, "text/plain; charset=utf-8",
					bytes("body larger than " + this.maxBodyBytes + " bytes (snowplow.local-collector.max-body-size)\n"));
			return;
		}
		// Validated before answering, so that events are here once the tracker's flush returns.
		record(this.reader.fromBody(body.bytes(), received));
		allowOrigin(exchange);
		send(exchange, 200, "text/plain; charset=utf-8", OK);
	}

	private Body read(InputStream in, long declared) throws IOException {
		if (declared > this.maxBodyBytes + DRAIN_LIMIT) {
			return new Body(null, 0, false);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 512), 1 << 20));
		byte[] buffer = new byte[16384];
		long read = 0;
		int n;
		while ((n = in.read(buffer)) != -1) {
			read += n;
			if (read <= this.maxBodyBytes) {
				out.write(buffer, 0, n);
			}
			else if (read > this.maxBodyBytes + DRAIN_LIMIT) {
				return new Body(null, read, false);
			}
		}
		return (read > this.maxBodyBytes) ? new Body(null, read, true) : new Body(out.toByteArray(), read, true);
	}

	private void events(HttpExchange exchange) throws IOException {
		Filter filter = filter(exchange);
		if (filter == null) {
			return;
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("summary", this.store.summary());
		answer.put("events", this.store.find(filter.type(), filter.valid()));
		send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
	}

	private void page(HttpExchange exchange) throws IOException {
		Filter filter = filter(exchange);
		if (filter == null) {
			return;
		}
		String html = this.page.render(this.uri.get(), this.store.summary(),
				this.store.find(filter.type(), filter.valid()), filter.type(), filter.valid());
		exchange.getResponseHeaders().set("Content-Security-Policy", EventsPage.CONTENT_SECURITY_POLICY);
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		send(exchange, 200, "text/html; charset=utf-8", bytes(html));
	}

	/** The {@code type} and {@code valid} filters; null when they were answered 400. */
	private @Nullable Filter filter(HttpExchange exchange) throws IOException {
		Map<String, String> query = EventReader.decodeQuery(
				(exchange.getRequestURI().getRawQuery() != null) ? exchange.getRequestURI().getRawQuery() : "");
		String type = query.get("type");
		String valid = query.get("valid");
		if (valid != null && !valid.isEmpty() && !valid.equals("true") && !valid.equals("false")) {
			send(exchange, 400, "text/plain; charset=utf-8",
					bytes("valid must be true or false, was '" + valid + "'\n"));
			return null;
		}
		return new Filter((type != null && !type.isEmpty()) ? type : null,
				(valid != null && !valid.isEmpty()) ? Boolean.valueOf(valid) : null);
	}

	private void record(List<CollectedEvent> events) {
		this.store.add(events);
		for (CollectedEvent event : events) {
			if (!event.valid() && logger.isWarnEnabled()) {
				String violations = event.violations()
					.stream()
					.map(Object::toString)
					.collect(Collectors.joining("; "));
				if (event.type() == null && event.eventId() == null) {
					logger.warn("Local collector: bad request {}: {}", event.request(), violations);
				}
				else {
					logger.warn("Local collector: bad event e={} eid={} ({}): {}", event.type(), event.eventId(),
							event.request(), violations);
				}
			}
		}
	}

	// A browser tracker posts across origins; answer it as a Snowplow collector does.
	private static void allowOrigin(HttpExchange exchange) {
		String origin = exchange.getRequestHeaders().getFirst("Origin");
		if (origin != null) {
			exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
			exchange.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
		}
	}

	private static void notAllowed(HttpExchange exchange, String allowed) throws IOException {
		exchange.getResponseHeaders().set("Allow", allowed);
		send(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed; use " + allowed + "\n"));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private static long contentLength(Headers headers) {
		String value = headers.getFirst("Content-Length");
		try {
			return (value != null) ? Long.parseLong(value.strip()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private record Body(byte @Nullable [] bytes, long read, boolean complete) {
	}

	private record Filter(@Nullable String type, @Nullable Boolean valid) {
	}

}
