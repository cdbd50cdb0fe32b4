package io.github.snowplowspring.tracker;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Makes random (version 4) UUIDs for event ids without the cost of {@link UUID#randomUUID()},
 * whose shared {@link SecureRandom} is slow and contended. A few L64X128MixRandom generators
 * (192 bits of state each, seeded from {@code SecureRandom}) are striped by thread; a
 * per-thread generator would reseed for every virtual thread.
 */
final class EventIdGenerator {

	private final RandomGenerator[] generators;

	private final ReentrantLock[] locks;

	EventIdGenerator() {
		int stripes = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 2 - 1)) << 1;
		SecureRandom seeds = new SecureRandom();
		RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of("L64X128MixRandom");
		this.generators = new RandomGenerator[stripes];
		this.locks = new ReentrantLock[stripes];
		for (int i = 0; i < stripes; i++) {
			byte[] seed = new byte[32];
			seeds.nextBytes(seed);
			this.generators[i] = factory.create(seed);
			this.locks[i] = new ReentrantLock();
		}
	}

	String next() {
		int stripe = (int) (Thread.currentThread().getId() & (this.generators.length - 1));
		long most;
		long least;
		ReentrantLock lock = this.locks[stripe];
		lock.lock();
		try {
			RandomGenerator generator = this.generators[stripe];
			most = generator.nextLong();
			least = generator.nextLong();
		}
		finally {
			lock.unlock();
		}
		most = (most & ~0xF000L) | 0x4000L; // version 4
		least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
		return new UUID(most, least).toString();
	}

}
