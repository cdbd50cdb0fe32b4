package io.github.snowplowspring.boot.track;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tracks an event when the annotated method returns normally: a structured event (give
 * {@link #category()} and {@link #action()}) or a self-describing event (give {@link #schema()}
 * and {@link #data()}). Values are SpEL expressions over the method's arguments (by name, or
 * {@code #p0}, {@code #p1}, ...) and its result ({@code #result}), for example
 * {@code @TrackEvent(category = "checkout", action = "pay", label = "#order.id", value = "#result.total")}.
 * An expression that fails to evaluate is logged with the method and attribute; the method's
 * result is never changed.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TrackEvent {

	/** The category of a structured event (a literal). */
	String category() default "";

	/** The action of a structured event (a literal). */
	String action() default "";

	/** An expression for the label of a structured event. */
	String label() default "";

	/** An expression for the property of a structured event. */
	String property() default "";

	/** An expression for the numeric value of a structured event. */
	String value() default "";

	/** The Iglu schema URI of a self-describing event (a literal). */
	String schema() default "";

	/** The data of a self-describing event, as {@code name=expression} pairs. */
	String[] data() default {};

}
