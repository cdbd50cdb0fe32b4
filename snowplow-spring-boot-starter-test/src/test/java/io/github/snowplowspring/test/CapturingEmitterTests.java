package io.github.snowplowspring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import io.github.snowplowspring.tracker.event.Structured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CapturingEmitterTests {

	private final CapturingEmitter capturing = new CapturingEmitter();

	private final Tracker tracker = Tracker.builder("shop").emitter(this.capturing).build();

	@Test
	void anEventIsCapturedWhenTrackReturns() {
		String id = this.tracker.track(PageView.builder("https://shop.example/").build());
		assertThat(this.capturing.events()).extracting(CapturedEvent::eventId).containsExactly(id);
		assertThat(this.capturing.count()).isEqualTo(1);
	}

	@Test
	void clearForgetsTheEventsButNotTheStats() {
		this.tracker.track(PageView.builder("https://shop.example/").build());
		this.capturing.clear();
		assertThat(this.capturing.events()).isEmpty();
		assertThat(this.capturing.stats().accepted()).isEqualTo(1);
		assertThat(this.capturing.stats().sent()).isEqualTo(1);
		assertThat(this.capturing.stats().pending()).isZero();
	}

	@Test
	void eventsTrackedFromManyThreadsAreAllCaptured() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 250; i++) {
						this.tracker.track(Structured.builder("load", "test").build());
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.capturing.events()).hasSize(2000);
		assertThat(this.capturing.events()).extracting(CapturedEvent::eventId).doesNotHaveDuplicates();
	}

	@Test
	void awaitEventsReturnsOnceEventsTrackedOnAnotherThreadArrive() {
		Thread thread = new Thread(() -> {
			sleep(100);
			this.tracker.track(PageView.builder("https://shop.example/late").build());
		});
		thread.start();
		assertThat(this.capturing.awaitEvents(1, Duration.ofSeconds(10))).singleElement()
			.satisfies((event) -> assertThat(event.get("url")).isEqualTo("https://shop.example/late"));
	}

	@Test
	void awaitEventsFailsNamingWhatWasCaptured() {
		this.tracker.track(PageView.builder("https://shop.example/").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.capturing.awaitEvents(2, Duration.ofMillis(50)))
			.withMessage("Expected at least 2 captured event(s) within PT0.05S, got 1:\n"
					+ "  1. pv url=\"https://shop.example/\"");
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
