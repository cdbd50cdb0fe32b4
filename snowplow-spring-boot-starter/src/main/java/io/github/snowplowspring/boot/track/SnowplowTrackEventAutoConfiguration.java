package io.github.snowplowspring.boot.track;

import io.github.snowplowspring.tracker.Tracker;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link TrackEvent}: beans with annotated methods are proxied so that the
 * event is tracked when the method returns ({@code snowplow.track-event.enabled=false} turns it
 * off). Needs no AspectJ.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "snowplow.track-event.enabled", matchIfMissing = true)
public final class SnowplowTrackEventAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "snowplowTrackEventPostProcessor")
	static TrackEventPostProcessor snowplowTrackEventPostProcessor(ObjectProvider<Tracker> tracker) {
		return new TrackEventPostProcessor(tracker);
	}

	/** Proxies beans that have {@link TrackEvent} methods. */
	static final class TrackEventPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

		TrackEventPostProcessor(ObjectProvider<Tracker> tracker) {
			this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, TrackEvent.class, true),
					new TrackEventInterceptor(tracker));
			setProxyTargetClass(true);
			setBeforeExistingAdvisors(true);
		}

	}

}
