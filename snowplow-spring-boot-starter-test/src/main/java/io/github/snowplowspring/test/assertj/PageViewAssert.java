package io.github.snowplowspring.test.assertj;

import java.util.List;
import java.util.Objects;

import io.github.snowplowspring.test.CapturedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the captured page views that match an expectation.
 */
public final class PageViewAssert extends AbstractEventAssert<PageViewAssert> {

	PageViewAssert(List<CapturedEvent> matching, List<CapturedEvent> captured, String expectation) {
		super(matching, captured, expectation, PageViewAssert.class);
	}

	@Override
	PageViewAssert newAssert(List<CapturedEvent> matching, String expectation) {
		return new PageViewAssert(matching, this.captured, expectation);
	}

	/**
	 * Verifies that a matching page view has this title ({@code page}).
	 * @param title the expected title, or null for none
	 * @return an assertion on the page views that have it
	 */
	public PageViewAssert withTitle(@Nullable String title) {
		return narrow("title " + Messages.quote(title), (event) -> Objects.equals(event.get("page"), title));
	}

	/**
	 * Verifies that a matching page view has this referrer ({@code refr}).
	 * @param referrer the expected referrer, or null for none
	 * @return an assertion on the page views that have it
	 */
	public PageViewAssert withReferrer(@Nullable String referrer) {
		return narrow("referrer " + Messages.quote(referrer), (event) -> Objects.equals(event.get("refr"), referrer));
	}

}
