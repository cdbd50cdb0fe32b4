package io.github.snowplowspring.boot.localcollector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.iglu.Violation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The web page of the local collector: plain HTML rendered here, every value escaped, no script
 * and nothing loaded from elsewhere.
 */
final class EventsPage {

	/** Allows the page's own inline style and form, nothing else. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

	private static final String STYLE = """
			body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
			table { border-collapse: collapse; width: 100%; }
			th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
			tr.bad td.validity { color: #b00020; font-weight: bold; }
			tr.good td.validity { color: #1b5e20; }
			nav { margin: .4rem 0; }
			nav a { margin-right: .7rem; }
			nav a.selected { font-weight: bold; color: #222; text-decoration: none; }
			code, pre { font-family: ui-monospace, monospace; font-size: .85rem; }
			pre { white-space: pre-wrap; word-break: break-all; background: #f6f6f6; padding: .5rem; margin: .3rem 0; }
			ul { margin: 0; padding-left: 1.1rem; }
			form { margin: .6rem 0; }
			""";

	private final ObjectMapper json;

	EventsPage(ObjectMapper json) {
		this.json = json;
	}

	String render(URI uri, CollectorSummary summary, List<CollectedEvent> events, @Nullable String type,
			@Nullable Boolean valid) {
		StringBuilder html = new StringBuilder(4096 + events.size() * 1024);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>Snowplow local collector</title>\n<style>\n")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n<h1>Snowplow local collector</h1>\n");
		html.append("<p>Listening on <code>")
			.append(escape(uri.toString()))
			.append("</code>: ")
			.append(summary.total())
			.append(" event(s) received, ")
			.append(summary.good())
			.append(" good, ")
			.append(summary.bad())
			.append(" bad; the newest ")
			.append(summary.held())
			.append(" held. As JSON: <a href=\"")
			.append(escape(link("/events", type, valid)))
			.append("\">")
			.append(escape(link("/events", type, valid)))
			.append("</a>.</p>\n");
		html.append("<form method=\"post\" action=\"/reset\"><button type=\"submit\">Clear</button></form>\n");
		html.append("<nav>Validity: ");
		filterLink(html, link("/", type, null), "all", valid == null);
		filterLink(html, link("/", type, true), "good", Boolean.TRUE.equals(valid));
		filterLink(html, link("/", type, false), "bad", Boolean.FALSE.equals(valid));
		html.append("</nav>\n<nav>Type: ");
		filterLink(html, link("/", null, valid), "all", type == null);
		summary.byType()
			.forEach((name, counts) -> filterLink(html, link("/", name, valid),
					name + " (" + counts.good() + " good, " + counts.bad() + " bad)", name.equals(type)));
		if (type != null && !summary.byType().containsKey(type)) {
			filterLink(html, link("/", type, valid), type + " (none received)", true);
		}
		html.append("</nav>\n");
		if (events.isEmpty()) {
			html.append("<p>No events match.</p>\n");
		}
		else {
			html.append("<table>\n<thead><tr><th>Received</th><th>Type</th><th>Event id</th><th>Valid</th>")
				.append("<th>Violations</th><th>Details</th></tr></thead>\n<tbody>\n");
			events.forEach((event) -> row(html, event));
			html.append("</tbody>\n</table>\n");
		}
		return html.append("</body>\n</html>\n").toString();
	}

	private void row(StringBuilder html, CollectedEvent event) {
		html.append("<tr class=\"")
			.append(event.valid() ? "good" : "bad")
			.append("\"><td>")
			.append(escape(event.received().toString()))
			.append("</td><td>")
			.append(escape(EventStore.typeOf(event)))
			.append("</td><td><code>")
			.append(escape((event.eventId() != null) ? event.eventId() : ""))
			.append("</code></td><td class=\"validity\">")
			.append(event.valid() ? "good" : "bad")
			.append("</td><td>");
		if (!event.violations().isEmpty()) {
			html.append("<ul>");
			for (Violation violation : event.violations()) {
				html.append("<li><code>")
					.append(escape(violation.location().isEmpty() ? "(root)" : violation.location()))
					.append("</code>: ")
					.append(escape(violation.message()));
				if (violation.schema() != null) {
					html.append(" <small>").append(escape(violation.schema())).append("</small>");
				}
				html.append("</li>");
			}
			html.append("</ul>");
		}
		html.append("</td><td><details><summary>")
			.append(escape(event.request()))
			.append("</summary><pre>")
			.append(escape(details(event)))
			.append("</pre></details></td></tr>\n");
	}

	private String details(CollectedEvent event) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("parameters", event.parameters());
		if (event.contexts() != null) {
			details.put("contexts", event.contexts());
		}
		if (event.selfDescribingEvent() != null) {
			details.put("selfDescribingEvent", event.selfDescribingEvent());
		}
		if (event.body() != null) {
			details.put("body", event.body());
		}
		return this.json.writeValueAsString(details);
	}

	private static void filterLink(StringBuilder html, String href, String label, boolean selected) {
		html.append("<a href=\"")
			.append(escape(href))
			.append(selected ? "\" class=\"selected\">" : "\">")
			.append(escape(label))
			.append("</a> ");
	}

	static String link(String path, @Nullable String type, @Nullable Boolean valid) {
		StringBuilder link = new StringBuilder(path);
		if (type != null) {
			link.append("?type=").append(URLEncoder.encode(type, StandardCharsets.UTF_8));
		}
		if (valid != null) {
			link.append((type != null) ? "&" : "?").append("valid=").append(valid);
		}
		return link.toString();
	}

	/** Escapes text for an HTML element or a quoted attribute value. */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
