package io.github.snowplowspring.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.github.snowplowspring.testcollector.CollectorStats;
import io.github.snowplowspring.testcollector.LoopbackCollector;

/**
 * The collector stand-in of the load driver, in a process of its own: a {@link LoopbackCollector}
 * on 127.0.0.1 that answers 200 and keeps counts and event ids only. It prints {@code port <n>},
 * then answers one line per command read from standard input: {@code stats} (requests, received,
 * unique, non-2xx), {@code reset}, {@code quit}. It ends when its input closes, so it never
 * outlives the driver.
 */
public final class CollectorProcess {

	private CollectorProcess() {
	}

	public static void main(String[] args) throws IOException {
		LoopbackCollector collector = LoopbackCollector.builder().retainRequests(false).start();
		System.out.println("port " + collector.port());
		System.out.flush();
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try {
			for (String line = commands.readLine(); line != null; line = commands.readLine()) {
				switch (line.trim()) {
					case "stats" -> {
						CollectorStats stats = collector.stats();
						long ok = stats.requestsByStatus()
							.entrySet()
							.stream()
							.filter((entry) -> entry.getKey() >= 200 && entry.getKey() < 300)
							.mapToLong((entry) -> entry.getValue())
							.sum();
						System.out.println("stats " + stats.requests() + " " + stats.receivedEvents() + " "
								+ stats.uniqueEvents() + " " + (stats.requests() - ok));
					}
					case "reset" -> {
						collector.reset();
						System.out.println("ok");
					}
					case "quit" -> {
						return;
					}
					default -> System.out.println("error unknown command " + line);
				}
				System.out.flush();
			}
		}
		finally {
			collector.close();
		}
	}

}
