package io.github.snowplowspring.testcollector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 server on 127.0.0.1, written for fault injection: it can drop or hold a
 * connection at will, which the JDK HttpServer cannot do cleanly.
 *
 * <p>Threads: one selector thread accepts connections and watches idle keep-alive connections; a
 * fixed pool of workers reads a request, asks the {@link Handler} and answers; one timer thread
 * runs delays and hangs, so that a slow or hanging answer holds no worker. An idle connection holds
 * no thread, so any number of client connections can share a few workers.
 */
final class LoopbackServer {

	/** Decides, in arrival order, what to do with each request. */
	interface Handler {
		Reply respond(WireRequest request, long connectionId);
	}

	/**
	 * The decision for one request.
	 *
	 * @param response the answer or fault
	 * @param beforeActing runs after any delay, just before the answer is written or the fault applied
	 */
	record Reply(Response response, Runnable beforeActing) {
	}

	private static final System.Logger LOG = System.getLogger(LoopbackServer.class.getName());
	private static final long STOP_GRACE_MILLIS = 5_000;

	private final ServerSocketChannel listener;
	private final Selector selector;
	private final Handler handler;
	private final AtomicLong connectionIds;
	private final int port;
	private final ExecutorService workers;
	private final ScheduledExecutorService timer;
	private final Thread selectorThread;
	private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
	private final Queue<HttpConnection> parking = new ConcurrentLinkedQueue<>();
	private final List<HttpConnection> readable = new ArrayList<>(); // selector thread only
	private volatile boolean running = true;

	private LoopbackServer(ServerSocketChannel listener, int workerThreads, Handler handler, AtomicLong connectionIds)
			throws IOException {
		this.listener = listener;
		this.handler = handler;
		this.connectionIds = connectionIds;
		this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
		this.selector = Selector.open();
		listener.register(selector, SelectionKey.OP_ACCEPT);
		String prefix = "loopback-collector-" + port + "-";
		this.workers = Executors.newFixedThreadPool(workerThreads, daemonThreads(prefix + "worker-"));
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads(prefix + "timer-"));
		scheduler.setRemoveOnCancelPolicy(true);
		this.timer = scheduler;
		this.selectorThread = daemonThreads(prefix + "selector-").newThread(this::runSelector);
		selectorThread.start();
	}

	/** Binds 127.0.0.1 on {@code port} (0 for an ephemeral one); SO_REUSEADDR lets a restart take the port back at once. */
	static LoopbackServer start(int port, int workerThreads, Handler handler, AtomicLong connectionIds) throws IOException {
		ServerSocketChannel listener = ServerSocketChannel.open();
		try {
			listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			listener.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 128);
			listener.configureBlocking(false);
			return new LoopbackServer(listener, workerThreads, handler, connectionIds);
		} catch (IOException | RuntimeException e) {
			listener.close();
			throw e;
		}
	}

	int port() {
		return port;
	}

	/** Closes the port (new connections are refused) and every open connection, and ends all threads. */
	void stop() {
		running = false;
		selector.wakeup();
		join(selectorThread);
		closeQuietly(listener);
		closeQuietly(selector); // deregistering is what really releases the listening socket
		connections.forEach(this::discard);
		workers.shutdownNow();
		timer.shutdownNow();
		awaitTermination(workers);
		awaitTermination(timer);
	}

	private void runSelector() {
		try {
			while (running) {
				selector.select(this::onReady);
				registerParked();
				dispatchReadable();
			}
		} catch (IOException | ClosedSelectorException e) {
			if (running) {
				LOG.log(System.Logger.Level.WARNING, "loopback collector selector failed", e);
			}
		}
	}

	private void onReady(SelectionKey key) {
		if (!key.isValid()) {
			return;
		}
		if (key.isAcceptable()) {
			acceptAll();
		} else if (key.isReadable()) {
			key.cancel(); // a worker takes the connection over in blocking mode
			readable.add((HttpConnection) key.attachment());
		}
	}

	private void acceptAll() {
		try {
			for (SocketChannel channel = listener.accept(); channel != null; channel = listener.accept()) {
				HttpConnection connection = new HttpConnection(connectionIds.incrementAndGet(), channel);
				connections.add(connection);
				try {
					channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
					channel.configureBlocking(false);
					channel.register(selector, SelectionKey.OP_READ, connection);
				} catch (IOException e) {
					discard(connection);
				}
			}
		} catch (IOException e) {
			if (running) {
				LOG.log(System.Logger.Level.DEBUG, "accept failed", e);
			}
		}
	}

	private void registerParked() {
		for (HttpConnection connection = parking.poll(); connection != null; connection = parking.poll()) {
			try {
				connection.channel().register(selector, SelectionKey.OP_READ, connection);
			} catch (IOException | RuntimeException e) {
				discard(connection);
			}
		}
	}

	private void dispatchReadable() throws IOException {
		while (!readable.isEmpty()) {
			List<HttpConnection> ready = List.copyOf(readable);
			readable.clear();
			selector.selectNow(this::onReady); // a selection deregisters the cancelled keys, allowing blocking mode
			for (HttpConnection connection : ready) {
				try {
					connection.channel().configureBlocking(true);
				} catch (IOException | RuntimeException e) {
					discard(connection);
					continue;
				}
				onWorker(connection, () -> serve(connection));
			}
		}
	}

	/** Reads one request and acts on the handler's reply, now or after its delay. */
	private void serve(HttpConnection connection) {
		WireRequest request;
		try {
			request = connection.readRequest();
		} catch (HttpProtocolException e) {
			answerAndClose(connection, Response.status(e.status()).body(e.getMessage() + "\n"));
			return;
		} catch (IOException e) {
			discard(connection); // client went away or stalled mid-request
			return;
		}
		if (request == null) {
			discard(connection);
			return;
		}
		Reply reply;
		try {
			reply = handler.respond(request, connection.id());
		} catch (RuntimeException e) {
			LOG.log(System.Logger.Level.WARNING, "loopback collector failed to handle a request", e);
			answerAndClose(connection, Response.status(500).body("collector failure: " + e + "\n"));
			return;
		}
		Duration delay = reply.response().delay();
		if (delay.isZero()) {
			act(connection, request, reply);
		} else {
			later(connection, delay, () -> onWorker(connection, () -> act(connection, request, reply)));
		}
	}

	private void act(HttpConnection connection, WireRequest request, Reply reply) {
		try {
			reply.beforeActing().run();
			Response response = reply.response();
			switch (response.action()) {
				case ANSWER -> {
					if (connection.answer(response, request.head())) {
						awaitNextRequest(connection);
					} else {
						discard(connection);
					}
				}
				case CLOSE_CONNECTION, RECORD_THEN_CLOSE -> discard(connection);
				case RECORD_THEN_HANG -> later(connection, response.hang(), () -> discard(connection));
			}
		} catch (IOException | RuntimeException e) {
			discard(connection);
		}
	}

	/** Serves a request that already arrived at once; otherwise parks the connection in the selector. */
	private void awaitNextRequest(HttpConnection connection) throws IOException {
		if (connection.hasPendingInput()) {
			onWorker(connection, () -> serve(connection));
			return;
		}
		connection.channel().configureBlocking(false);
		parking.add(connection);
		selector.wakeup();
	}

	private void answerAndClose(HttpConnection connection, Response response) {
		try {
			connection.answer(response, null);
		} catch (IOException e) {
			// the client is gone; nothing left to tell it
		}
		discard(connection);
	}

	private void onWorker(HttpConnection connection, Runnable task) {
		try {
			workers.execute(task);
		} catch (RejectedExecutionException e) {
			discard(connection); // stopping
		}
	}

	private void later(HttpConnection connection, Duration delay, Runnable task) {
		try {
			timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		} catch (RejectedExecutionException e) {
			discard(connection); // stopping
		}
	}

	private void discard(HttpConnection connection) {
		connections.remove(connection);
		connection.close();
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true); // a forgotten collector must not keep a test JVM alive
			return thread;
		};
	}

	private static void join(Thread thread) {
		try {
			thread.join(STOP_GRACE_MILLIS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			if (!executor.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
				LOG.log(System.Logger.Level.WARNING, "loopback collector threads still busy after stop");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		} catch (Exception e) {
			// already closed or never fully open
		}
	}
}
