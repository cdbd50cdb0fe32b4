package io.github.snowplowspring.test.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.snowplowspring.testcollector.LoopbackCollector;
import io.github.snowplowspring.testcollector.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small test classes with the extension and checks what it did around them. The classes
 * are nested, so Surefire does not run them on their own.
 */
class FakeCollectorExtensionLifecycleTests {

	@BeforeEach
	void forget() {
		StaticField.seen.clear();
		InstanceField.seen.clear();
		ExtendedWith.seen.clear();
		WithNestedClass.seen.clear();
	}

	@Test
	void inAStaticFieldOneCollectorServesEveryTestAndClosesAfterAll() {
		run(StaticField.class, 2);
		assertThat(StaticField.seen).hasSize(2);
		assertThat(StaticField.seen.get(1)).isSameAs(StaticField.seen.get(0));
		assertThat(StaticField.seen.get(0).isRunning()).isFalse();
	}

	@Test
	void inAnInstanceFieldEachTestHasItsOwnCollectorClosedAfterIt() {
		run(InstanceField.class, 2);
		assertThat(InstanceField.seen).hasSize(2);
		assertThat(InstanceField.seen.get(1)).isNotSameAs(InstanceField.seen.get(0));
		assertThat(InstanceField.seen).noneMatch(LoopbackCollector::isRunning);
	}

	@Test
	void withExtendWithTheCollectorIsInjectedAndLivesForTheClass() {
		run(ExtendedWith.class, 2);
		assertThat(ExtendedWith.seen).hasSize(2);
		assertThat(ExtendedWith.seen.get(1)).isSameAs(ExtendedWith.seen.get(0));
		assertThat(ExtendedWith.seen.get(0).isRunning()).isFalse();
	}

	@Test
	void aNestedClassSharesTheCollectorOfItsEnclosingClass() {
		run(WithNestedClass.class, 2);
		assertThat(WithNestedClass.seen).hasSize(2);
		assertThat(WithNestedClass.seen.get(1)).isSameAs(WithNestedClass.seen.get(0));
		assertThat(WithNestedClass.seen.get(0).isRunning()).isFalse();
	}

	private static void run(Class<?> testClass, int tests) {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(testClass))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(tests).succeeded(tests));
	}

	@TestMethodOrder(MethodOrderer.MethodName.class)
	static class StaticField {

		static final List<LoopbackCollector> seen = new CopyOnWriteArrayList<>();

		@RegisterExtension
		static final FakeCollectorExtension collector = new FakeCollectorExtension();

		@Test
		void first() {
			seen.add(collector.collector());
			assertThat(collector.collector().isRunning()).isTrue();
			collector.respondWithStatuses(503);
			collector.rejectBodiesLargerThan(0);
		}

		@Test
		void second() {
			seen.add(collector.collector());
			assertThat(collector.collector().isRunning()).isTrue();
			// Reset: the 503 the first test queued is gone, and so is its size limit.
			assertThat(Snowplow.get(collector.uri())).isEqualTo(200);
			assertThat(Snowplow.post(collector.uri())).isEqualTo(200);
		}

	}

	static class InstanceField {

		static final List<LoopbackCollector> seen = new CopyOnWriteArrayList<>();

		@RegisterExtension
		final FakeCollectorExtension collector = new FakeCollectorExtension();

		@Test
		void first() {
			seen.add(this.collector.collector());
			assertThat(this.collector.collector().isRunning()).isTrue();
		}

		@Test
		void second() {
			seen.add(this.collector.collector());
			assertThat(this.collector.collector().isRunning()).isTrue();
		}

	}

	@ExtendWith(FakeCollectorExtension.class)
	@TestMethodOrder(MethodOrderer.MethodName.class)
	static class ExtendedWith {

		static final List<LoopbackCollector> seen = new CopyOnWriteArrayList<>();

		@Test
		void first(LoopbackCollector collector) {
			seen.add(collector);
			collector.respond(Response.status(503));
		}

		@Test
		void second(LoopbackCollector collector) {
			seen.add(collector);
			assertThat(collector.isRunning()).isTrue();
			assertThat(Snowplow.get(collector.uri())).isEqualTo(200);
		}

	}

	static class WithNestedClass {

		static final List<LoopbackCollector> seen = new CopyOnWriteArrayList<>();

		@RegisterExtension
		static final FakeCollectorExtension collector = new FakeCollectorExtension();

		@Test
		void outer() {
			seen.add(collector.collector());
		}

		@Nested
		class Inner {

			@Test
			void inner() {
				seen.add(collector.collector());
				assertThat(collector.collector().isRunning()).isTrue();
			}

		}

	}

}
