package io.github.snowplowspring.benchmarks.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Watches this JVM's heap during a run: the peak of heap used (sampled every 2 ms, so it
 * includes garbage not yet collected) and the largest heap left after a collection (what the
 * run really kept alive, buffers included).
 */
final class HeapMonitor implements AutoCloseable {

	private static final long SAMPLE_MILLIS = 2;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final Set<String> heapPools = new HashSet<>();

	private final AtomicLong peakUsed = new AtomicLong();

	private final AtomicLong maxAfterGc = new AtomicLong();

	private final Thread sampler;

	private final NotificationListener listener = this::onGc;

	private volatile boolean running = true;

	HeapMonitor() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				this.heapPools.add(pool.getName());
			}
		}
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (gc instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.listener, null, null);
			}
		}
		this.sampler = new Thread(this::sample, "heap-monitor");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	/**
	 * Starts a new window: a full collection first, so that garbage an earlier run left in the
	 * old generation is not counted, then peaks from here on.
	 */
	void reset() {
		System.gc();
		sleep(50); // lets the notification of that collection arrive before the window opens
		this.peakUsed.set(this.memory.getHeapMemoryUsage().getUsed());
		this.maxAfterGc.set(0);
	}

	long peakUsed() {
		return this.peakUsed.get();
	}

	long maxAfterGc() {
		return this.maxAfterGc.get();
	}

	/** Heap used after full collections, for the buffer cost: garbage gone, live objects left. */
	long usedAfterFullGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			sleep(50);
			used = Math.min(used, this.memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private void sample() {
		while (this.running) {
			this.peakUsed.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
			sleep(SAMPLE_MILLIS);
		}
	}

	private void onGc(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		long after = 0;
		for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
			if (this.heapPools.contains(pool.getKey())) {
				MemoryUsage usage = pool.getValue();
				after += usage.getUsed();
			}
		}
		this.maxAfterGc.accumulateAndGet(after, Math::max);
	}

	@Override
	public void close() {
		this.running = false;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (gc instanceof NotificationEmitter emitter) {
				try {
					emitter.removeNotificationListener(this.listener);
				}
				catch (Exception ex) {
					// already gone
				}
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
