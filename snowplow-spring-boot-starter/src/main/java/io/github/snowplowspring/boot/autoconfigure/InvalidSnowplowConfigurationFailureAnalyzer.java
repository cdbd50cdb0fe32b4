package io.github.snowplowspring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidSnowplowConfigurationException} into a startup report that names the
 * property and says how to fix it.
 */
class InvalidSnowplowConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSnowplowConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSnowplowConfigurationException cause) {
		StringBuilder description = new StringBuilder("The Snowplow tracker is misconfigured.\n\n")
			.append("    Property: ").append(cause.getProperty()).append('\n');
		if (cause.getValue() != null) {
			description.append("    Value: \"").append(cause.getValue()).append("\"\n");
		}
		String message = cause.getMessage();
		description.append("    Reason: ").append(message.substring(message.indexOf(": ", message.indexOf(cause.getProperty())) + 2));
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
