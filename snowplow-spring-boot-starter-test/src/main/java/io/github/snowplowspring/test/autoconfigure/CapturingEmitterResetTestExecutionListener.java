package io.github.snowplowspring.test.autoconfigure;

import io.github.snowplowspring.test.CapturingEmitter;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Clears every {@link CapturingEmitter} bean of a test's application context before each test
 * method (and its {@code @BeforeEach} methods), so that a test sees only the events it caused,
 * even in a context cached across tests. A context not loaded yet is left alone.
 */
public final class CapturingEmitterResetTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		// Well before EventPublishingTestExecutionListener (10000): application listeners may track on its
		// BeforeTestMethodEvent, and what they track belongs to the test.
		return 1600;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext().getBeanProvider(CapturingEmitter.class).forEach(CapturingEmitter::clear);
		}
	}

}
