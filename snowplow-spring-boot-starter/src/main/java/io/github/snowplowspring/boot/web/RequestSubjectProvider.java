package io.github.snowplowspring.boot.web;

import java.security.Principal;

import io.github.snowplowspring.tracker.Subject;
import io.github.snowplowspring.tracker.context.SubjectProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The request being served as the subject of events: IP address, user agent, language, and the
 * authenticated user. The address is the container's remote address, which honours
 * {@code X-Forwarded-For} and {@code Forwarded} only when Spring Boot's
 * {@code server.forward-headers-strategy} trusts the proxy that sent them.
 */
public class RequestSubjectProvider implements SubjectProvider {

	@Override
	public @Nullable Subject currentSubject() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return null;
		}
		HttpServletRequest request = servlet.getRequest();
		Principal user = request.getUserPrincipal(); // Spring Security answers null for anonymous users
		return Subject.builder()
			.ipAddress(request.getRemoteAddr())
			.userAgent(request.getHeader("User-Agent"))
			.language((request.getHeader("Accept-Language") != null) ? request.getLocale().toLanguageTag() : null)
			.userId((user != null) ? user.getName() : null)
			.build();
	}

}
