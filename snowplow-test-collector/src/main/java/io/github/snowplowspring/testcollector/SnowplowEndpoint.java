package io.github.snowplowspring.testcollector;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/** Routes the two Snowplow paths, decodes their events, applies the rules and the script, and records the outcome. */
final class SnowplowEndpoint implements LoopbackServer.Handler {

	static final String GET_PATH = "/i";
	static final String POST_PATH = "/com.snowplowanalytics.snowplow/tp2";

	private final String getPath;
	private final String postPath;
	private final ResponseScript script;
	private final Recorder recorder;

	SnowplowEndpoint(String basePath, ResponseScript script, Recorder recorder) {
		this.getPath = basePath + GET_PATH;
		this.postPath = basePath + POST_PATH;
		this.script = script;
		this.recorder = recorder;
	}

	@Override
	public LoopbackServer.Reply respond(WireRequest wire, long connectionId) {
		RequestHead head = wire.head();
		String target = originForm(head.target());
		int q = target.indexOf('?');
		String path = q < 0 ? target : target.substring(0, q);
		String query = q < 0 ? null : target.substring(q + 1);
		RecordedRequest request = new RecordedRequest(connectionId, head.method(), path, query, head.headers(),
				wire.body(), wire.receivedAt(), List.of(), RecordedRequest.NO_RESPONSE, false);

		String allowed = path.equals(getPath) ? "GET" : path.equals(postPath) ? "POST" : null;
		Response response;
		if (allowed == null) {
			response = Response.status(404).body("no Snowplow collector endpoint at " + path + "\n");
		} else if (!head.method().equals(allowed)) {
			response = Response.status(405).header("Allow", allowed).body(head.method() + " not allowed on " + path + "\n");
		} else {
			String problem = null;
			try {
				request = decoded(request);
			} catch (IllegalArgumentException | UncheckedIOException e) {
				problem = e.getMessage();
			}
			response = checked(request, wire.body().length, problem);
		}
		RecordedRequest decided = request;
		return new LoopbackServer.Reply(response, () -> recorder.record(decided.answeredWith(response)));
	}

	/** The size rule comes first (it is about wire bytes), then validity; only a valid request consumes the script. */
	private Response checked(RecordedRequest request, int wireBodyBytes, @Nullable String problem) {
		if (request.method().equals("POST") && script.tooLarge(wireBodyBytes)) {
			return Response.status(413).body("body of " + wireBodyBytes + " bytes is above the collector's limit\n");
		}
		if (problem != null) {
			return Response.status(400).body(problem + "\n");
		}
		try {
			return script.next(request);
		} catch (RuntimeException e) {
			return Response.status(500).body("the response script threw " + e + "\n");
		}
	}

	/** The request with its events, and its body decompressed when it came gzipped. */
	private static RecordedRequest decoded(RecordedRequest request) {
		if (request.method().equals("GET")) {
			return request.withEvents(EventDecoder.fromQuery(request.rawQuery()));
		}
		String encoding = request.header("Content-Encoding");
		if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
			request = request.withBody(gunzip(request.body()));
		}
		return request.withEvents(EventDecoder.fromPayloadData(request.body()));
	}

	/** A proxy-style absolute target ({@code http://host/path}) becomes its path and query. */
	private static String originForm(String target) {
		if (target.startsWith("/")) {
			return target;
		}
		try {
			URI uri = URI.create(target);
			String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
			return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
		} catch (IllegalArgumentException e) {
			return target; // answered with a 404
		}
	}

	private static byte[] gunzip(byte[] bytes) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return in.readNBytes(HttpRequestParser.MAX_BODY_BYTES);
		} catch (IOException e) {
			throw new UncheckedIOException("body is not valid gzip: " + e.getMessage(), e);
		}
	}
}
