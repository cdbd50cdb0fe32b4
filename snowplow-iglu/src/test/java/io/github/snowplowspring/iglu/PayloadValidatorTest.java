package io.github.snowplowspring.iglu;

import static io.github.snowplowspring.iglu.Payloads.CHECKOUT;
import static io.github.snowplowspring.iglu.Payloads.EID;
import static io.github.snowplowspring.iglu.Payloads.LINK_CLICK;
import static io.github.snowplowspring.iglu.Payloads.MOBILE_SCREEN_VIEW;
import static io.github.snowplowspring.iglu.Payloads.SCREEN_ID;
import static io.github.snowplowspring.iglu.Payloads.TIMING;
import static io.github.snowplowspring.iglu.Payloads.body;
import static io.github.snowplowspring.iglu.Payloads.contexts;
import static io.github.snowplowspring.iglu.Payloads.event;
import static io.github.snowplowspring.iglu.Payloads.sdj;
import static io.github.snowplowspring.iglu.Payloads.standardBase64;
import static io.github.snowplowspring.iglu.Payloads.unstruct;
import static io.github.snowplowspring.iglu.Payloads.urlSafeBase64;
import static io.github.snowplowspring.iglu.Payloads.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PayloadValidatorTest {

	// Base64 of this text has '+' and '/' in the standard alphabet and '-' and '_' in the URL-safe one.
	private static final String LABEL_WITH_BASE64_SPECIALS = "??????>>>>>>";

	private static final String LINK_CLICK_ENTITY = sdj(LINK_CLICK, "{\"targetUrl\":\"https://example.com/\"}");
	private static final String TIMING_EVENT = sdj(TIMING,
			"{\"category\":\"db\",\"variable\":\"query\",\"timing\":42,\"label\":\"" + LABEL_WITH_BASE64_SPECIALS + "\"}");
	private static final String SCREEN_VIEW_EVENT = sdj(MOBILE_SCREEN_VIEW,
			"{\"name\":\"home\",\"id\":\"" + SCREEN_ID + "\"}");

	private final PayloadValidator validator = PayloadValidator.create();

	@Nested
	class ValidPayloads {

		@Test
		void postBodyWithPageViewStructuredAndSelfDescribingEventsWithContextsPasses() {
			String cx = urlSafeBase64(contexts(LINK_CLICK_ENTITY, TIMING_EVENT));
			String body = body(
					with(event("pv"), "url", "https://example.com/", "page", "Home", "cx", cx),
					with(event("se"), "se_ca", "shop", "se_ac", "add", "se_va", "1.5", "co", contexts(LINK_CLICK_ENTITY)),
					with(event("ue"), "ue_px", urlSafeBase64(unstruct(TIMING_EVENT)), "cx", cx),
					with(event("ue"), "ue_pr", unstruct(SCREEN_VIEW_EVENT), "co", contexts(SCREEN_VIEW_EVENT)));

			ValidationReport report = validator.validatePostBody(body);

			assertThat(report.violations()).isEmpty();
			assertThat(report.isValid()).isTrue();
			assertThat(validator.validatePostBody(body.getBytes(StandardCharsets.UTF_8)).violations()).isEmpty();
		}

		@Test
		void urlSafeBase64IsAcceptedWithAndWithoutPadding() {
			String padded = urlSafeBase64(unstruct(TIMING_EVENT));
			String unpadded = padded.replace("=", "");
			assertThat(padded).containsAnyOf("-", "_").contains("=");

			assertThat(validator.validateEvent(with(event("ue"), "ue_px", padded)).violations()).isEmpty();
			assertThat(validator.validateEvent(with(event("ue"), "ue_px", unpadded)).violations()).isEmpty();
		}

		@Test
		void contextsEnvelope100IsAcceptedAsTheDocsShowIt() {
			String co = sdj("iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0", "[" + LINK_CLICK_ENTITY + "]");

			assertThat(validator.validateEvent(with(event("pv"), "co", co)).violations()).isEmpty();
		}

		@Test
		void validReportPrintsValid() {
			assertThat(validator.validateEvent(event("pv")).assertValid()).hasToString("valid");
		}
	}

	@Nested
	class PostBody {

		@Test
		void numericDtmIsReportedAtItsLocation() {
			String body = body(event("pv")).replace("\"dtm\":\"1700000000000\"", "\"dtm\":1700000000000");

			assertThat(validator.validatePostBody(body).violations())
					.containsExactly(new Violation("data[0].dtm", "integer found, string expected", PayloadValidator.PAYLOAD_DATA));
		}

		@Test
		void unknownKeyIsReportedOnItsEvent() {
			String body = body(event("pv"), with(event("pv"), "evn", "com.acme"));

			assertThat(validator.validatePostBody(body).violations())
					.singleElement()
					.satisfies(v -> {
						assertThat(v.location()).isEqualTo("data[1]");
						assertThat(v.message()).contains("'evn'", "not defined");
						assertThat(v.schema()).isEqualTo(PayloadValidator.PAYLOAD_DATA);
					});
		}

		@Test
		void missingEIsReported() {
			Map<String, String> noE = event("pv");
			noE.remove("e");

			assertThat(validator.validatePostBody(body(noE)).violations())
					.extracting(Violation::location, Violation::message)
					.containsExactly(tuple("data[0]", "required property 'e' not found"));
		}

		@Test
		void emptyDataArrayIsReported() {
			assertThat(validator.validatePostBody(body()).violations())
					.extracting(Violation::location, Violation::message)
					.containsExactly(tuple("data", "must have at least 1 items but found 0"));
		}

		@Test
		void bodyThatIsNotJsonIsReportedWithoutThrowing() {
			assertThat(validator.validatePostBody("{\"schema\":").violations())
					.singleElement()
					.satisfies(v -> assertThat(v.message()).startsWith("body is not JSON"));
			assertThat(validator.validatePostBody(new byte[] {(byte) 0xC3, 0x28}).violations())
					.singleElement()
					.satisfies(v -> assertThat(v.message()).startsWith("body is not JSON"));
			assertThat(validator.validatePostBody("").violations()).hasSize(1);
		}

		@Test
		void bodyNamingAnotherSchemaIsReported() {
			String body = body(event("pv")).replace("1-0-4", "1-0-3");

			assertThat(validator.validatePostBody(body).violations())
					.extracting(Violation::location)
					.containsExactly("schema");
		}

		@Test
		void bodyThatIsNotSelfDescribingIsReported() {
			assertThat(validator.validatePostBody("[{\"e\":\"pv\"}]").violations())
					.extracting(Violation::schema)
					.containsOnly(PayloadValidator.SELF_DESCRIBING);
			assertThat(validator.validatePostBody("{\"data\":[]}").violations())
					.extracting(Violation::message)
					.contains("required property 'schema' not found", "must have at least 1 items but found 0");
		}

		@Test
		void everyViolationOfEveryEventIsReported() {
			String badCx = urlSafeBase64(contexts(sdj(LINK_CLICK, "{}")));
			String body = body(event("pv"), with(event("pv"), "cx", badCx)).replace("\"p\":\"srv\"", "\"p\":7");

			assertThat(validator.validatePostBody(body).violations())
					.extracting(Violation::location)
					.containsExactly("data[0].p", "data[1].p", "data[1].cx.data[0].data");
		}

		@Test
		void duplicateKeyIsReported() {
			String body = body(event("pv")).replace("\"e\":\"pv\"", "\"e\":\"pv\",\"e\":\"se\"");

			assertThat(validator.validatePostBody(body).violations())
					.singleElement()
					.satisfies(v -> assertThat(v.message()).contains("Duplicate"));
		}
	}

	@Nested
	class EventChecks {

		@Test
		void standardBase64AlphabetIsRejectedByDefault() {
			String ue = standardBase64(unstruct(TIMING_EVENT));
			assertThat(ue).containsAnyOf("+", "/");

			assertThat(validator.validateEvent(with(event("ue"), "ue_px", ue)).violations())
					.extracting(Violation::location, Violation::message)
					.containsExactly(tuple("ue_px", "ue_px is not URL-safe base64: it contains '+' or '/' of the standard alphabet"));
		}

		@Test
		void standardBase64AlphabetInCxIsReportedAtItsEvent() {
			String cx = standardBase64(contexts(TIMING_EVENT));

			assertThat(validator.validatePostBody(body(with(event("pv"), "cx", cx))).violations())
					.extracting(Violation::location, Violation::message)
					.containsExactly(tuple("data[0].cx", "cx is not URL-safe base64: it contains '+' or '/' of the standard alphabet"));
		}

		@Test
		void standardBase64AlphabetIsAcceptedWhenEnabled() {
			PayloadValidator lenient = PayloadValidator.builder().acceptStandardBase64(true).build();
			Map<String, String> event = with(event("ue"),
					"ue_px", standardBase64(unstruct(TIMING_EVENT)), "cx", urlSafeBase64(contexts(TIMING_EVENT)));

			assertThat(lenient.validateEvent(event).violations()).isEmpty();
		}

		@Test
		void invalidBase64IsReported() {
			assertThat(validator.validateEvent(with(event("pv"), "cx", "not base64!")).violations())
					.singleElement()
					.satisfies(v -> assertThat(v.message()).startsWith("cx is not base64"));
		}

		@Test
		void base64OfSomethingElseThanJsonIsReported() {
			assertThat(validator.validateEvent(with(event("pv"), "cx", urlSafeBase64("hello"))).violations())
					.singleElement()
					.satisfies(v -> {
						assertThat(v.location()).isEqualTo("cx");
						assertThat(v.message()).startsWith("cx is not JSON");
					});
		}

		@Test
		void unknownEntitySchemaIsReported() {
			String unknown = "iglu:com.acme/unknown/jsonschema/1-0-0";
			String cx = urlSafeBase64(contexts(LINK_CLICK_ENTITY, sdj(unknown, "{}")));

			assertThat(validator.validatePostBody(body(event("pv"), event("pv"), with(event("pv"), "cx", cx))).violations())
					.containsExactly(new Violation("data[2].cx.data[1]", "no schema for " + unknown, unknown));
		}

		@Test
		void timingWithoutTimingIsReported() {
			String ue = urlSafeBase64(unstruct(sdj(TIMING, "{\"category\":\"db\",\"variable\":\"query\"}")));

			assertThat(validator.validatePostBody(body(with(event("ue"), "ue_px", ue))).violations())
					.containsExactly(new Violation("data[0].ue_px.data.data", "required property 'timing' not found", TIMING));
		}

		@Test
		void timingWithNullLabelIsReported() {
			// What the Java reference tracker sends for a Timing without a label.
			String ue = unstruct(sdj(TIMING, "{\"category\":\"db\",\"variable\":\"query\",\"timing\":5,\"label\":null}"));

			assertThat(validator.validateEvent(with(event("ue"), "ue_pr", ue)).violations())
					.containsExactly(new Violation("ue_pr.data.data.label", "null found, string expected", TIMING));
		}

		@Test
		void mobileScreenViewWithNonUuidIdIsReported() {
			String ue = unstruct(sdj(MOBILE_SCREEN_VIEW, "{\"name\":\"home\",\"id\":\"screen-1\"}"));

			assertThat(validator.validateEvent(with(event("ue"), "ue_pr", ue)).violations())
					.singleElement()
					.satisfies(v -> {
						assertThat(v.location()).isEqualTo("ue_pr.data.data.id");
						assertThat(v.message()).contains("uuid");
						assertThat(v.schema()).isEqualTo(MOBILE_SCREEN_VIEW);
					});
		}

		@Test
		void entityViolatingItsSchemaInsideContextsIsReported() {
			String co = contexts(LINK_CLICK_ENTITY, sdj(MOBILE_SCREEN_VIEW, "{\"name\":\"home\",\"id\":\"" + SCREEN_ID + "\",\"x\":1}"));

			assertThat(validator.validateEvent(with(event("pv"), "co", co)).violations())
					.extracting(Violation::location, Violation::schema)
					.containsExactly(tuple("co.data[1].data", MOBILE_SCREEN_VIEW));
		}

		@Test
		void contextsEnvelopeViolationsAreReportedOnceWithoutLookingIntoEntities() {
			String co = contexts("{\"schema\":\"" + LINK_CLICK + "\"}");

			assertThat(validator.validateEvent(with(event("pv"), "co", co)).violations())
					.extracting(Violation::location, Violation::message, Violation::schema)
					.containsExactly(tuple("co.data[0]", "required property 'data' not found", Payloads.CONTEXTS));
		}

		@Test
		void emptyContexts100IsReportedButEmptyContexts101IsNot() {
			String co100 = sdj("iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0", "[]");

			assertThat(validator.validateEvent(with(event("pv"), "co", co100)).violations())
					.extracting(Violation::location)
					.containsExactly("co.data");
			assertThat(validator.validateEvent(with(event("pv"), "co", contexts())).violations()).isEmpty();
		}

		@Test
		void contextsNamingAnotherEnvelopeIsReported() {
			assertThat(validator.validateEvent(with(event("pv"), "co", unstruct(TIMING_EVENT))).violations())
					.singleElement()
					.satisfies(v -> {
						assertThat(v.location()).isEqualTo("co.schema");
						assertThat(v.message()).contains("contexts/jsonschema/1-0-1", PayloadValidator.UNSTRUCT_EVENT);
					});
		}

		@Test
		void selfDescribingEventNotWrappedInUnstructEventIsReported() {
			assertThat(validator.validateEvent(with(event("ue"), "ue_pr", TIMING_EVENT)).violations())
					.extracting(Violation::location)
					.containsExactly("ue_pr.schema");
		}

		@Test
		void bothCxAndCoAreReported() {
			Map<String, String> event = with(event("pv"), "cx", urlSafeBase64(contexts()), "co", contexts());

			assertThat(validator.validateEvent(event).violations())
					.extracting(Violation::location, Violation::message)
					.containsExactly(tuple("", "both cx and co are present; a tracker sends one of them"));
		}

		@Test
		void bothUePxAndUePrAreReported() {
			Map<String, String> event = with(event("ue"),
					"ue_px", urlSafeBase64(unstruct(TIMING_EVENT)), "ue_pr", unstruct(TIMING_EVENT));

			assertThat(validator.validateEvent(event).violations())
					.extracting(Violation::message)
					.containsExactly("both ue_px and ue_pr are present; a tracker sends one of them");
		}

		@Test
		void selfDescribingEventWithoutPayloadIsReported() {
			assertThat(validator.validateEvent(event("ue")).violations())
					.extracting(Violation::message)
					.containsExactly("e=ue but neither ue_px nor ue_pr is present");
		}

		@Test
		void eidThatIsNotAUuidIsReported() {
			assertThat(validator.validateEvent(with(event("pv"), "eid", "12345")).violations())
					.containsExactly(new Violation("eid", "eid is not a UUID: \"12345\"", null));
			assertThat(validator.validateEvent(with(event("pv"), "eid", EID.toUpperCase())).violations()).isEmpty();
		}

		@Test
		void unknownEventTypeIsReported() {
			assertThat(validator.validateEvent(event("pageview")).violations())
					.extracting(Violation::location, Violation::message)
					.containsExactly(tuple("e", "unknown event type \"pageview\"; a pipeline accepts only ad, ev, pp, pv, se, ti, tr, ue"));
		}

		@Test
		void eventIsAlsoCheckedAsOnePayloadDataItem() {
			Map<String, String> event = with(event("pv"), "cv", "1");
			event.remove("tv");

			assertThat(validator.validateEvent(event).violations())
					.extracting(Violation::location, Violation::message)
					.containsExactlyInAnyOrder(
							tuple("", "required property 'tv' not found"),
							tuple("", "property 'cv' is not defined in the schema and the schema does not allow additional properties"));
		}
	}

	@Nested
	class QueryString {

		@Test
		void urlEncodedQueryStringWithSpacesAsPercent20OrPlusPasses() {
			String ue = unstruct(sdj(TIMING, "{\"category\":\"a b\",\"variable\":\"c d\",\"timing\":1}"))
					.replace("a b", "a%20b").replace("c d", "c+d")
					.replace("{", "%7B").replace("}", "%7D").replace("\"", "%22").replace(":", "%3A").replace("/", "%2F")
					.replace(",", "%2C");
			String query = "e=ue&eid=" + EID + "&p=srv&tv=java-test&page=Home%20page&refr=a+b&ue_pr=" + ue
					+ "&cx=" + urlSafeBase64(contexts(LINK_CLICK_ENTITY));

			assertThat(validator.validateQueryString(query).violations()).isEmpty();
		}

		@Test
		void decodedValuesAreValidated() {
			String ue = "%7B%22schema%22%3A%22" + PayloadValidator.UNSTRUCT_EVENT.replace(":", "%3A").replace("/", "%2F")
					+ "%22%2C%22data%22%3A%7B%22schema%22%3A%22" + TIMING.replace(":", "%3A").replace("/", "%2F")
					+ "%22%2C%22data%22%3A%7B%22category%22%3A%22db%22%2C%22variable%22%3A%22q%22%2C%22timing%22%3A%225%22%7D%7D%7D";

			assertThat(validator.validateQueryString("?e=ue&p=srv&tv=t&ue_pr=" + ue).violations())
					.containsExactly(new Violation("ue_pr.data.data.timing", "string found, number expected", TIMING));
		}

		@Test
		void queryViolationsAreLocatedFromTheEvent() {
			assertThat(validator.validateQueryString("e=pv&p=srv&dtm=1&evn=x").violations())
					.extracting(Violation::location, Violation::message)
					.containsExactlyInAnyOrder(
							tuple("", "required property 'tv' not found"),
							tuple("", "property 'evn' is not defined in the schema and the schema does not allow additional properties"));
		}

		@Test
		void badPercentEncodingAndRepeatedParametersAreReported() {
			assertThat(validator.validateQueryString("e=pv&p=srv&tv=t&page=100%zz&e=se").violations())
					.extracting(Violation::location, Violation::message)
					.satisfiesExactly(
							page -> assertThat(page.toList()).first().isEqualTo("page"),
							repeated -> assertThat(repeated.toList()).containsExactly("e", "parameter e appears more than once"));
		}

		@Test
		void emptyQueryStringLacksTheRequiredParameters() {
			assertThat(validator.validateQueryString("").violations())
					.extracting(Violation::message)
					.containsExactlyInAnyOrder("required property 'tv' not found", "required property 'p' not found",
							"required property 'e' not found");
		}
	}

	@Nested
	class UserSchemas {

		@Test
		void schemaOnTheTestClassPathIsFound() {
			String valid = unstruct(sdj(CHECKOUT, "{\"orderId\":\"o-1\",\"total\":9.5,\"currency\":\"EUR\"}"));
			String invalid = unstruct(sdj(CHECKOUT, "{\"orderId\":\"o-1\",\"total\":-1}"));

			assertThat(validator.validateEvent(with(event("ue"), "ue_px", urlSafeBase64(valid))).violations()).isEmpty();
			assertThat(validator.validateEvent(with(event("ue"), "ue_px", urlSafeBase64(invalid))).violations())
					.extracting(Violation::location, Violation::schema)
					.containsExactly(tuple("ue_px.data.data.total", CHECKOUT));
		}

		@Test
		void schemaRegisteredProgrammaticallyIsFound() {
			String newsletter = "iglu:com.acme/newsletter/jsonschema/1-0-0";
			IgluResolver resolver = IgluResolver.builder()
					.register(newsletter, """
                            {"type": "object", "properties": {"email": {"type": "string"}},
                             "required": ["email"], "additionalProperties": false}""")
					.build();
			PayloadValidator withNewsletter = PayloadValidator.of(resolver);
			String valid = contexts(sdj(newsletter, "{\"email\":\"a@example.com\"}"), LINK_CLICK_ENTITY);
			String invalid = contexts(sdj(newsletter, "{}"));

			assertThat(withNewsletter.validateEvent(with(event("pv"), "co", valid)).violations()).isEmpty();
			assertThat(withNewsletter.validateEvent(with(event("pv"), "co", invalid)).violations())
					.containsExactly(new Violation("co.data[0].data", "required property 'email' not found", newsletter));
			assertThat(validator.validateEvent(with(event("pv"), "co", valid)).violations())
					.extracting(Violation::message)
					.containsExactly("no schema for " + newsletter);
		}
	}

	@Nested
	class Reporting {

		@Test
		void violationPrintsLocationMessageAndSchema() {
			assertThat(new Violation("data[0].dtm", "integer found, string expected", PayloadValidator.PAYLOAD_DATA))
					.hasToString("data[0].dtm: integer found, string expected [" + PayloadValidator.PAYLOAD_DATA + "]");
			assertThat(new Violation("", "body is not JSON: x", null)).hasToString("(root): body is not JSON: x");
		}

		@Test
		void reportPrintsOneViolationPerLineAndAssertValidFailsWithIt() {
			ValidationReport report = validator.validateEvent(with(event("pv"), "eid", "1", "cx", "a+b"));

			assertThat(report).hasToString("""
                    2 violation(s):
                      eid: eid is not a UUID: "1"
                      cx: cx is not URL-safe base64: it contains '+' or '/' of the standard alphabet""");
			assertThatThrownBy(report::assertValid).isInstanceOf(AssertionError.class).hasMessage(report.toString());
		}
	}
}
