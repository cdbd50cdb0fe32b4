package io.github.snowplowspring.iglu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IgluUriTest {

	@Test
	void parsesItsParts() {
		IgluUri uri = IgluUri.parse("iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0");

		assertThat(uri).isEqualTo(new IgluUri("com.snowplowanalytics.mobile", "screen_view", "jsonschema", "1-0-0"));
		assertThat(uri.path()).isEqualTo("com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0");
		assertThat(uri).hasToString("iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0");
	}

	@Test
	void rejectsWhatTheIgluPatternRejects() {
		assertThat(IgluUri.isValid("iglu:com.acme/my-event_x/jsonschema/10-2-33")).isTrue();
		assertThat(IgluUri.isValid("iglu:com.acme/my.event/jsonschema/1-0-0")).isFalse();
		assertThat(IgluUri.isValid("iglu:com.acme/event/jsonschema/1-0")).isFalse();
		assertThat(IgluUri.isValid("com.acme/event/jsonschema/1-0-0")).isFalse();
		assertThat(IgluUri.isValid("iglu:com.acme/event/jsonschema/1-0-0\n")).isFalse();
		assertThatThrownBy(() -> new IgluUri("com.acme", "a/b", "jsonschema", "1-0-0"))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
