package io.github.snowplowspring.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts the {@link CollectorProcess} with this JVM's class path and talks to it. */
final class CollectorControl implements AutoCloseable {

	private final Process process;

	private final PrintWriter commands;

	private final BufferedReader answers;

	private final int port;

	private CollectorControl(Process process) throws IOException {
		this.process = process;
		this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String first = CompletableFuture.supplyAsync(this::readLine).orTimeout(30, TimeUnit.SECONDS).join();
		if (first == null || !first.startsWith("port ")) {
			throw new IllegalStateException("collector process did not start: " + first);
		}
		this.port = Integer.parseInt(first.substring(5).trim());
	}

	/** Starts the collector process; {@code heap} is its -Xmx, since it keeps every event id of a run. */
	static CollectorControl start(String heap) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx" + heap, "-Xms" + heap, "-XX:+UseParallelGC",
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
				CollectorProcess.class.getName());
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			return new CollectorControl(process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	long pid() {
		return this.process.pid();
	}

	synchronized Stats stats() {
		String[] parts = ask("stats").split(" ");
		return new Stats(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
				Long.parseLong(parts[4]));
	}

	synchronized void reset() {
		ask("reset");
	}

	/** Waits until {@code unique} distinct events arrived or the timeout passed; the last stats. */
	Stats awaitUnique(long unique, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Stats stats = stats();
		while (stats.unique() < unique && System.nanoTime() < deadline) {
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			stats = stats();
		}
		return stats;
	}

	private String ask(String command) {
		this.commands.println(command);
		String answer = readLine();
		if (answer == null || answer.startsWith("error")) {
			throw new IllegalStateException("collector process answered " + answer + " to " + command);
		}
		return answer;
	}

	private String readLine() {
		try {
			return this.answers.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.commands.println("quit");
		this.commands.close();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** What the collector counted since the last reset. */
	record Stats(long requests, long received, long unique, long failedRequests) {
	}

}
