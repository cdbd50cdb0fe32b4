package io.github.snowplowspring.sample.shop;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Page views for the shop's pages, not for the actuator. */
@Configuration(proxyBeanMethods = false)
class ShopWebConfiguration implements WebMvcConfigurer {

	private final PageViewInterceptor pageViews;

	ShopWebConfiguration(PageViewInterceptor pageViews) {
		this.pageViews = pageViews;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.pageViews).addPathPatterns("/products", "/products/**");
	}

}
