package io.github.snowplowspring.boot.web;

import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.event.PageView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.HandlerInterceptor;

/** Tracks a page view for every successful GET of a matching path, with the request's URL and referrer. */
public class PageViewTrackingInterceptor implements HandlerInterceptor {

	private final ObjectProvider<Tracker> tracker;

	/**
	 * Creates an interceptor.
	 * @param tracker the tracker, looked up at the first request
	 */
	public PageViewTrackingInterceptor(ObjectProvider<Tracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception failure) {
		if ("GET".equals(request.getMethod()) && failure == null && response.getStatus() < 400) {
			StringBuffer url = request.getRequestURL();
			if (request.getQueryString() != null) {
				url.append('?').append(request.getQueryString());
			}
			this.tracker.getObject()
				.track(PageView.builder(url.toString()).referrer(request.getHeader("Referer")).build());
		}
	}

}
