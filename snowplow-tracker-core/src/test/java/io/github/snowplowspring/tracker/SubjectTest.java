package io.github.snowplowspring.tracker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectTest {

	@Test
	void fieldsSetOnTheEventSubjectWinAndTheRestComeFromTheBase() {
		Subject base = Subject.builder().userId("base").language("en").timezone("UTC").build();
		Subject event = Subject.builder().userId("event").viewport(10, 20).build();
		Subject merged = event.mergedOver(base);
		assertThat(merged.userId()).isEqualTo("event");
		assertThat(merged.language()).isEqualTo("en");
		assertThat(merged.timezone()).isEqualTo("UTC");
		assertThat(merged.viewport()).hasToString("10x20");
	}

	@Test
	void mergingOverNothingKeepsTheSubject() {
		Subject event = Subject.builder().userId("event").build();
		assertThat(event.mergedOver(null)).isSameAs(event);
		assertThat(event.mergedOver(Subject.EMPTY)).isSameAs(event);
	}

	@Test
	void toBuilderDerivesAVariantWithoutChangingTheOriginal() {
		Subject original = Subject.builder().userId("a").language("en").build();
		Subject variant = original.toBuilder().userId("b").build();
		assertThat(original.userId()).isEqualTo("a");
		assertThat(variant.userId()).isEqualTo("b");
		assertThat(variant.language()).isEqualTo("en");
	}

}
