package io.github.snowplowspring.boot.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.context.ContextProvider;
import io.github.snowplowspring.tracker.event.Event;
import io.github.snowplowspring.tracker.event.SelfDescribingJson;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/**
 * Adds the current trace and span ids to every event tracked inside a span, as an entity of
 * schema {@value #SCHEMA} (shipped in {@code iglu/schemas/}), so that analytics events and
 * traces can be joined.
 */
public class TraceContextProvider implements ContextProvider {

	/** The schema of the trace entity. */
	public static final String SCHEMA = "iglu:io.github.snowplowspring/trace_context/jsonschema/1-0-0";

	private final Tracer tracer;

	/**
	 * Creates a provider.
	 * @param tracer the application's tracer
	 */
	public TraceContextProvider(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public List<SelfDescribingJson> contexts(Event event) {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return List.of();
		}
		TraceContext context = span.context();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("traceId", context.traceId());
		data.put("spanId", context.spanId());
		String parentId = context.parentId();
		if (parentId != null && !parentId.isEmpty()) { // a root span has none
			data.put("parentId", parentId);
		}
		data.put("sampled", context.sampled());
		return List.of(SelfDescribingJson.of(SCHEMA, data));
	}

}
