package io.github.snowplowspring.testcollector;

import java.time.Duration;

/**
 * Runs a {@link LoopbackCollector} in its own process, for benchmarks: every request is answered
 * 200 and only counts are kept. Prints one summary line every few seconds until killed.
 *
 * <p>Usage: {@code java -cp ... io.github.snowplowspring.testcollector.StandaloneCollector [port [basePath]]}
 * (port 9090 by default, 0 for an ephemeral one).
 */
public final class StandaloneCollector {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private StandaloneCollector() {
	}

	/**
	 * Starts the collector and reports until the process ends.
	 *
	 * @param args optional port, then optional base path
	 * @throws InterruptedException if the reporting thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 9090;
		String basePath = args.length > 1 ? args[1] : "";
		LoopbackCollector collector = LoopbackCollector.builder()
				.port(port)
				.basePath(basePath)
				.retainRequests(false)
				.start();
		Runtime.getRuntime().addShutdownHook(new Thread(collector::close, "loopback-collector-shutdown"));
		System.out.println("loopback collector listening on " + collector.uri());
		long lastReceived = 0;
		while (true) {
			Thread.sleep(INTERVAL.toMillis());
			CollectorStats stats = collector.stats();
			long perSecond = (stats.receivedEvents() - lastReceived) / INTERVAL.toSeconds();
			lastReceived = stats.receivedEvents();
			System.out.println(stats + " events/s=" + perSecond);
		}
	}
}
