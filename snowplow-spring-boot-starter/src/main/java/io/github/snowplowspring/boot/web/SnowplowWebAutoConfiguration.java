package io.github.snowplowspring.boot.web;

import io.github.snowplowspring.boot.autoconfigure.SnowplowProperties;
import io.github.snowplowspring.tracker.Tracker;
import io.github.snowplowspring.tracker.context.SubjectProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of the web integration in servlet applications: the request as the subject
 * of events ({@code snowplow.web.request-subject}), and page views of matching requests
 * ({@code snowplow.web.page-views}).
 */
@AutoConfiguration(beforeName = "io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
public final class SnowplowWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SubjectProvider.class)
	@ConditionalOnBooleanProperty(name = "snowplow.web.request-subject", matchIfMissing = true)
	RequestSubjectProvider snowplowRequestSubjectProvider() {
		return new RequestSubjectProvider();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class PageViewConfiguration implements WebMvcConfigurer {

		private final SnowplowProperties properties;

		private final ObjectProvider<Tracker> tracker;

		PageViewConfiguration(SnowplowProperties properties, ObjectProvider<Tracker> tracker) {
			this.properties = properties;
			this.tracker = tracker;
		}

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			if (!this.properties.getWeb().getPageViews().isEmpty()) {
				registry.addInterceptor(new PageViewTrackingInterceptor(this.tracker))
					.addPathPatterns(this.properties.getWeb().getPageViews());
			}
		}

	}

}
