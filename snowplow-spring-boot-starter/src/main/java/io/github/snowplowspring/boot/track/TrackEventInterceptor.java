package io.github.snowplowspring.boot.track;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.event.SelfDescribing;
import io.github.snowplowspring.tracker.event.Structured;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Tracks the event a {@link TrackEvent} describes after the method returns. Failing to build or
 * track it is logged, naming the method and the attribute, and never changes the method's result.
 */
public class TrackEventInterceptor implements MethodInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(TrackEventInterceptor.class);

	private final ObjectProvider<Tracker> tracker;

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<String, Expression> expressions = new ConcurrentHashMap<>();

	/**
	 * Creates an interceptor.
	 * @param tracker the tracker, looked up at the first call
	 */
	public TrackEventInterceptor(ObjectProvider<Tracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object result = invocation.proceed();
		Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(),
				(invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis()) : invocation.getMethod()
					.getDeclaringClass());
		TrackEvent annotation = AnnotatedElementUtils.findMergedAnnotation(method, TrackEvent.class);
		if (annotation != null) {
			try {
				this.tracker.getObject().track(event(annotation, method, invocation.getArguments(), result));
			}
			catch (RuntimeException ex) {
				logger.error("@TrackEvent on {}.{} tracked nothing: {}", method.getDeclaringClass().getSimpleName(),
						method.getName(), ex.getMessage());
			}
		}
		return result;
	}

	private Event event(TrackEvent annotation, Method method, Object[] arguments, @Nullable Object result) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(null, method, arguments,
				this.parameterNames);
		context.setVariable("result", result);
		boolean structured = !annotation.category().isEmpty() || !annotation.action().isEmpty();
		boolean selfDescribing = !annotation.schema().isEmpty();
		if (structured == selfDescribing) {
			throw new IllegalStateException(
					"give either category and action (a structured event) or schema and data (a self-describing event)");
		}
		if (structured) {
			String value = evaluate("value", annotation.value(), context);
			return Structured.builder(annotation.category(), annotation.action())
				.label(evaluate("label", annotation.label(), context))
				.property(evaluate("property", annotation.property(), context))
				.value((value != null) ? Double.valueOf(value) : null)
				.build();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		for (String pair : annotation.data()) {
			int equals = pair.indexOf('=');
			if (equals < 1) {
				throw new IllegalStateException("data entry '" + pair + "' is not name=expression");
			}
			String name = pair.substring(0, equals).trim();
			data.put(name, value("data " + name, pair.substring(equals + 1).trim(), context));
		}
		return SelfDescribing.builder(annotation.schema(), data).build();
	}

	private @Nullable String evaluate(String attribute, String expression, MethodBasedEvaluationContext context) {
		Object value = value(attribute, expression, context);
		return (value != null) ? value.toString() : null;
	}

	private @Nullable Object value(String attribute, String expression, MethodBasedEvaluationContext context) {
		if (expression.isEmpty()) {
			return null;
		}
		try {
			return this.expressions.computeIfAbsent(expression, this.parser::parseExpression).getValue(context);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(attribute + " = \"" + expression + "\" failed: " + ex.getMessage(), ex);
		}
	}

}
