package io.github.snowplowspring.tracker.context;

import io.github.snowplowspring.tracker.Subject;
import org.jspecify.annotations.Nullable;

/**
 * The subject of what is happening now, for example the web request being served. Its fields
 * are laid over the tracker's subject, and the event's own subject over both.
 */
@FunctionalInterface
public interface SubjectProvider {

	/** The current subject, or null when there is none (outside a request, say). */
	@Nullable Subject currentSubject();

}
