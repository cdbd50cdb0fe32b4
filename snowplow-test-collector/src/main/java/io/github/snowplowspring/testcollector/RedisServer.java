package io.github.snowplowspring.testcollector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by tests, so that
 * fault tests can stop and restart it; any Redis already running elsewhere is left alone. A
 * missing {@code redis-server} is an error, never a reason to skip ({@code .ci/run} installs it).
 */
public final class RedisServer implements AutoCloseable {

	private final int port;

	private final Path directory;

	private final List<String> extraArguments;

	private Process process;

	private RedisServer(int port, Path directory, List<String> extraArguments) {
		this.port = port;
		this.directory = directory;
		this.extraArguments = extraArguments;
	}

	/** Starts a server that keeps nothing on disk. */
	public static RedisServer start() {
		return start(List.of("--save", "", "--appendonly", "no"));
	}

	/** Starts a server that writes every command to its append-only file before answering. */
	public static RedisServer startDurable() {
		return start(List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always"));
	}

	private static RedisServer start(List<String> arguments) {
		try {
			RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("redis-test"), arguments);
			server.startProcess();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The port it listens on, on 127.0.0.1. */
	public int port() {
		return this.port;
	}

	/** Stops the server, as a crash would (its append-only file, if any, stays). */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
			awaitPort(false);
		}
	}

	/** Starts the server again on the same port and directory. */
	public synchronized void restart() {
		stop();
		startProcess();
	}

	@Override
	public void close() {
		stop();
	}

	private synchronized void startProcess() {
		List<String> command = new ArrayList<>(List.of(executable(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--dir", this.directory.toString(), "--daemonize", "no", "--logfile", ""));
		command.addAll(this.extraArguments);
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
			Process started = this.process;
			// A server must never outlive the tests that started it.
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start redis-server (" + command + "); install it "
					+ "(apt-get install redis-server): the Redis tests need a real server", ex);
		}
		awaitPort(true);
	}

	private static String executable() {
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return "redis-server";
	}

	private void awaitPort(boolean open) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			boolean listening;
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				listening = true;
			}
			catch (IOException ex) {
				listening = false;
			}
			if (listening == open) {
				return;
			}
			if (open && this.process != null && !this.process.isAlive()) {
				break;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		String log;
		try {
			log = Files.readString(this.directory.resolve("redis.log"));
		}
		catch (IOException ex) {
			log = "(no log)";
		}
		throw new IllegalStateException(
				"redis-server did not " + (open ? "start" : "stop") + " on port " + this.port + ":\n" + log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
