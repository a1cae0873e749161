package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.PSEUDONYMISER;
import static io.consentinel.decision.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.decision.Operator.CoarsenTime.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** pseudonymise, mask and coarsen_time: the operators that produce text. */
class TextOperatorsTests {

    private static String text(Operator.Transform operator, String json) {
        JsonNode out = operator.apply(value(json), PSEUDONYMISER);
        return out == null ? null : out.stringValue();
    }

    @Test
    void pseudonymiseGivesTheKeyedPseudonymOfAString() {
        assertThat(text(new Operator.Pseudonymise(), "'490154203237518'"))
                .isEqualTo(PSEUDONYMISER.pseudonymise("490154203237518"))
                .startsWith("ps:k1:");
    }

    @Test
    void pseudonymiseUsesANumbersCanonicalText() {
        Operator.Pseudonymise operator = new Operator.Pseudonymise();
        assertThat(text(operator, "490154203237518")).isEqualTo(PSEUDONYMISER.pseudonymise("490154203237518"));
        assertThat(text(operator, "5300.0")).isEqualTo(PSEUDONYMISER.pseudonymise("5300"));
        assertThat(text(operator, "1.50")).isEqualTo(PSEUDONYMISER.pseudonymise("1.5"));
        assertThat(text(operator, "1e60")).isEqualTo(PSEUDONYMISER.pseudonymise("1E+60"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "{'imei':'1'}", "['1']"})
    void pseudonymiseRefusesAnythingButStringsAndNumbers(String json) {
        assertThat(text(new Operator.Pseudonymise(), json)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "4 | 4111111111111111 | ************1111",
                "3 | abcd             | *bcd",
                "0 | abc              | ***",
                "2 | héllo wörld      | *********ld",
                "1 | 😀😀😀            | **😀",
            })
    void maskHidesAllButTheLastCodePoints(int keepLast, String in, String expected) {
        JsonNode out = new Operator.Mask(keepLast).apply(JsonNodeFactory.instance.stringNode(in), PSEUDONYMISER);
        assertThat(out.stringValue()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"4, 1234, ****", "4, abc, ***", "8, 80.91431, ********"})
    void maskHidesAValueNoLongerThanKeepLastWhole(int keepLast, String in, String expected) {
        JsonNode out = new Operator.Mask(keepLast).apply(JsonNodeFactory.instance.stringNode(in), PSEUDONYMISER);
        assertThat(out.stringValue()).isEqualTo(expected);
    }

    @Test
    void maskWorksOnANumbersTextAndOnEmptyStrings() {
        assertThat(text(new Operator.Mask(), "490154203237518")).isEqualTo("***********7518");
        assertThat(text(new Operator.Mask(), "''")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "{}", "['abc']"})
    void maskRefusesAnythingButStringsAndNumbers(String json) {
        assertThat(text(new Operator.Mask(), json)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-24T09:13:27Z, HOUR, 2026-11-24T09:00:00Z",
        "2026-11-24T09:13:27.123456789Z, HOUR, 2026-11-24T09:00:00Z",
        "2026-11-24T09:13:27+05:30, HOUR, 2026-11-24T03:00:00Z",
        "2026-11-24T01:13:27+05:30, DAY, 2026-11-23T00:00:00Z",
        "2026-11-24t09:13:27z, HOUR, 2026-11-24T09:00:00Z",
        "2026-11-24T23:59:59-08:00, DAY, 2026-11-25T00:00:00Z",
    })
    void coarsenTimeTruncatesInUtc(String time, TimeUnit unit, String expected) {
        assertThat(text(new Operator.CoarsenTime(unit), "'" + time + "'")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "'2026-11-24'",
                "'2026-11-24T09:13:27'",
                "'yesterday'",
                "'2026-13-24T09:13:27Z'",
                "''",
                "1732439607",
                "null",
                "{}",
                "['2026-11-24T09:13:27Z']",
            })
    void coarsenTimeRefusesAnythingButAnRfc3339TimeWithAnOffset(String json) {
        assertThat(text(new Operator.CoarsenTime(), json)).isNull();
    }

    @Test
    void everyOperatorHasItsWireName() {
        assertThat(new Operator.Keep().wireName()).isEqualTo("keep");
        assertThat(new Operator.Drop().wireName()).isEqualTo("drop");
        assertThat(new Operator.Reject().wireName()).isEqualTo("reject");
        assertThat(new Operator.Pseudonymise().wireName()).isEqualTo("pseudonymise");
        assertThat(new Operator.TruncateIp().wireName()).isEqualTo("truncate_ip");
        assertThat(new Operator.UrlDomain().wireName()).isEqualTo("url_domain");
        assertThat(new Operator.GeneraliseLocation().wireName()).isEqualTo("generalise_location");
        assertThat(new Operator.CoarsenTime().wireName()).isEqualTo("coarsen_time");
        assertThat(new Operator.Mask().wireName()).isEqualTo("mask");
        assertThat(new Operator.Bucket(java.math.BigDecimal.ONE).wireName()).isEqualTo("bucket");
    }
}
