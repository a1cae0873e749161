package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.PSEUDONYMISER;
import static io.consentinel.decision.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class TruncateIpTests {

    private static final Operator.TruncateIp DEFAULTS = new Operator.TruncateIp();

    private static String truncated(Operator.TruncateIp operator, String ip) {
        JsonNode out = operator.apply(JsonNodeFactory.instance.stringNode(ip), PSEUDONYMISER);
        return out == null ? null : out.stringValue();
    }

    @ParameterizedTest
    @CsvSource({
        "203.0.113.7, 203.0.113.0",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.0",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348, 2001:db8:85a3::",
        "2001:DB8:85A3:0000:0000:8A2E:0370:7334, 2001:db8:85a3::",
        "::1, ::",
        "fe80::1, fe80::",
        "::ffff:203.0.113.7, ::ffff:203.0.113.0",
        "::ffff:cb00:7107, ::ffff:203.0.113.0",
    })
    void defaultsKeepAnIpv4Slash24AndAnIpv6Slash48(String ip, String expected) {
        assertThat(truncated(DEFAULTS, ip)).isEqualTo(expected);
    }

    @Test
    void prefixesAreConfigurable() {
        Operator.TruncateIp operator = new Operator.TruncateIp(16, 32);

        assertThat(truncated(operator, "203.0.113.7")).isEqualTo("203.0.0.0");
        assertThat(truncated(operator, "2001:db8:85a3::7")).isEqualTo("2001:db8::");
        assertThat(truncated(operator, "::ffff:203.0.113.7")).isEqualTo("::ffff:203.0.0.0");
    }

    @Test
    void extremePrefixesKeepEverythingOrNothing() {
        assertThat(truncated(new Operator.TruncateIp(32, 128), "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(truncated(new Operator.TruncateIp(32, 128), "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(truncated(new Operator.TruncateIp(0, 0), "203.0.113.7")).isEqualTo("0.0.0.0");
        assertThat(truncated(new Operator.TruncateIp(0, 0), "2001:db8::7")).isEqualTo("::");
        assertThat(truncated(new Operator.TruncateIp(23, 47), "203.0.255.7")).isEqualTo("203.0.254.0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "localhost",
                "example.com",
                "1.2.3",
                "1.2.3.4.5",
                "1.2.3.256",
                "01.2.3.4",
                "1.2.3.4/24",
                "1.2.3.4 ",
                " 1.2.3.4",
                "0x7f.0.0.1",
                "1..2.3",
                "fe80::1%eth0",
                "2001:db8::/48",
                "2001:db8::*",
                "[::1]",
                "::ffff:1.2.3",
                "1:2:3:4:5:6:7:8:9",
                "12345::",
                "cafe",
                "abc:xyz::",
                "1.2.3.4-1.2.3.9",
                "2001:0db8:0000:0000:0000:0000:0000:0000:1",
            })
    void anythingButAnIpLiteralIsInvalid(String notAnIp) {
        assertThat(truncated(DEFAULTS, notAnIp)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "null", "true", "{'ip':'1.2.3.4'}", "['1.2.3.4']", "1.5"})
    void nonStringsAreInvalid(String json) {
        assertThat(DEFAULTS.apply(value(json), PSEUDONYMISER)).isNull();
    }

    @Test
    void prefixesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new Operator.TruncateIp(33, 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operator.TruncateIp(24, 129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operator.TruncateIp(-1, 48)).isInstanceOf(IllegalArgumentException.class);
    }
}
