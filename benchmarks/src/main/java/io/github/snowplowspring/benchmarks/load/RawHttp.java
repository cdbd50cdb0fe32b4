package io.github.snowplowspring.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.github.snowplowspring.tracker.payload.Payload;
import io.github.snowplowspring.tracker.transport.EncodedEvent;
import io.github.snowplowspring.tracker.transport.JsonWireFormat;
import io.github.snowplowspring.tracker.transport.WireFormat;

/**
 * The raw-transport baseline: requests serialized before the clock starts, sent with the JDK
 * {@link HttpClient} (HTTP/1.1, no redirects, the same timeouts as {@code HttpTransport}) by
 * {@code senders} threads, each waiting for its answer. Only the last 12 hex digits of each
 * {@code eid} are rewritten in place before a send, so that the collector counts every event
 * as distinct, as it does the tracker's.
 */
final class RawHttp {

	private static final byte[] EID = "\"eid\":\"".getBytes(StandardCharsets.US_ASCII);

	private static final int TEMPLATES = 8;

	private final URI target;

	private final boolean post;

	private final int batchSize;

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	// Distinct per run, so that no two runs share an event id.
	private final String eidPrefix;

	private final AtomicLong nextEid = new AtomicLong();

	RawHttp(URI collector, boolean post, int batchSize) {
		this.post = post;
		this.batchSize = post ? batchSize : 1;
		this.target = URI.create(collector + (post ? "/com.snowplowanalytics.snowplow/tp2" : "/i"));
		ThreadLocalRandom random = ThreadLocalRandom.current();
		this.eidPrefix = String.format("%08x-%04x-4%03x-8%03x-", random.nextInt(), random.nextInt(0x10000),
				random.nextInt(0x1000), random.nextInt(0x1000));
	}

	/**
	 * Sends for at most {@code duration} and at most {@code maxEvents} events.
	 * @return the events the collector answered 2xx for, and the failed requests
	 */
	Sent run(int senders, List<Payload> samples, Duration duration, long maxEvents) throws InterruptedException {
		AtomicLong budget = new AtomicLong(maxEvents);
		AtomicLong sent = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			Sender sender = this.post ? new PostSender(samples, s) : new GetSender(samples, s);
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < deadline && budget.addAndGet(-this.batchSize) >= 0) {
					try {
						int status = this.client.send(sender.next(), HttpResponse.BodyHandlers.discarding())
							.statusCode();
						if (status >= 200 && status < 300) {
							sent.addAndGet(this.batchSize);
						}
						else {
							failures.incrementAndGet();
						}
					}
					catch (IOException ex) {
						failures.incrementAndGet();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "raw-http-" + s);
			threads.add(thread);
		}
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join(duration.toMillis() + 30_000);
		}
		return new Sent(sent.get(), failures.get());
	}

	/** What a baseline run delivered. */
	record Sent(long events, long failedRequests) {
	}

	private interface Sender {

		HttpRequest next();

	}

	/** Eight bodies of {@code batchSize} events, sent in turn with fresh ids. */
	private final class PostSender implements Sender {

		private final byte[][] bodies = new byte[TEMPLATES][];

		private final int[][] eidOffsets = new int[TEMPLATES][];

		private int turn;

		PostSender(List<Payload> samples, int seed) {
			JsonWireFormat format = (JsonWireFormat) WireFormat.JSON;
			for (int t = 0; t < TEMPLATES; t++) {
				List<EncodedEvent> events = new ArrayList<>(RawHttp.this.batchSize);
				for (int i = 0; i < RawHttp.this.batchSize; i++) {
					Payload payload = samples.get((seed * 7 + t * RawHttp.this.batchSize + i) % samples.size());
					events.add(new EncodedEvent(payload.eventId(), payload.toJson()));
				}
				this.bodies[t] = format.body(events, System.currentTimeMillis());
				this.eidOffsets[t] = eidOffsets(this.bodies[t]);
				for (int offset : this.eidOffsets[t]) {
					byte[] prefix = RawHttp.this.eidPrefix.getBytes(StandardCharsets.US_ASCII);
					System.arraycopy(prefix, 0, this.bodies[t], offset, prefix.length);
				}
			}
		}

		@Override
		public HttpRequest next() {
			int t = this.turn++ % TEMPLATES;
			byte[] body = this.bodies[t];
			long first = RawHttp.this.nextEid.getAndAdd(this.eidOffsets[t].length);
			for (int i = 0; i < this.eidOffsets[t].length; i++) {
				writeHex(first + i, body, this.eidOffsets[t][i] + 24);
			}
			// The client has written the body before send() returns, so the array can be reused.
			return HttpRequest.newBuilder(RawHttp.this.target)
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
		}

		private static int[] eidOffsets(byte[] body) {
			List<Integer> offsets = new ArrayList<>();
			outer: for (int i = 0; i <= body.length - EID.length; i++) {
				for (int j = 0; j < EID.length; j++) {
					if (body[i + j] != EID[j]) {
						continue outer;
					}
				}
				offsets.add(i + EID.length);
			}
			return offsets.stream().mapToInt(Integer::intValue).toArray();
		}

	}

	/** One query string per event, the eid spliced between a prefix and a suffix made beforehand. */
	private final class GetSender implements Sender {

		private final String[] before = new String[TEMPLATES];

		private final String[] after = new String[TEMPLATES];

		private final byte[] hex = new byte[12];

		private int turn;

		GetSender(List<Payload> samples, int seed) {
			for (int t = 0; t < TEMPLATES; t++) {
				Payload payload = samples.get((seed * 7 + t) % samples.size());
				String query = new String(WireFormat.QUERY_STRING.encode(payload), StandardCharsets.US_ASCII);
				int start = query.indexOf("eid=") + 4;
				this.before[t] = RawHttp.this.target + "?stm=" + System.currentTimeMillis() + "&"
						+ query.substring(0, start) + RawHttp.this.eidPrefix;
				this.after[t] = query.substring(start + 36);
			}
		}

		@Override
		public HttpRequest next() {
			int t = this.turn++ % TEMPLATES;
			writeHex(RawHttp.this.nextEid.getAndIncrement(), this.hex, 0);
			URI uri = URI.create(this.before[t] + new String(this.hex, StandardCharsets.US_ASCII) + this.after[t]);
			return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
		}

	}

	private static void writeHex(long value, byte[] target, int offset) {
		for (int i = 11; i >= 0; i--) {
			int digit = (int) (value & 0xF);
			target[offset + i] = (byte) ((digit < 10) ? '0' + digit : 'a' + digit - 10);
			value >>>= 4;
		}
	}

}
