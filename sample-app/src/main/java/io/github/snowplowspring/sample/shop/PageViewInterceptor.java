package io.github.snowplowspring.sample.shop;

import java.util.List;

import io.github.snowplowspring.tracker.Subject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Tracks a page view for every successful GET of a shop page, with who asked as the subject. */
@Component
public class PageViewInterceptor implements HandlerInterceptor {

	private final ShopTracking tracking;

	private final Catalog catalog;

	public PageViewInterceptor(ShopTracking tracking, Catalog catalog) {
		this.tracking = tracking;
		this.catalog = catalog;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception failure) {
		if ("GET".equals(request.getMethod()) && response.getStatus() < 400) {
			String path = request.getRequestURI();
			String sku = path.startsWith("/products/") ? path.substring("/products/".length()) : null;
			this.tracking.pageView(subjectOf(request), path, (sku != null) ? "Product " + sku : "Shop",
					(sku != null) ? this.catalog.find(sku).map((product) -> List.of(product.context())).orElse(List.of())
							: List.of());
		}
	}

	/** The shopper behind a request: address, user agent and language. */
	static Subject subjectOf(HttpServletRequest request) {
		return Subject.builder()
			.ipAddress(request.getRemoteAddr())
			.userAgent(request.getHeader("User-Agent"))
			.language(request.getLocale().toLanguageTag())
			.build();
	}

}
