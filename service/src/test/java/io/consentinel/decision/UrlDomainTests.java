package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.PSEUDONYMISER;
import static io.consentinel.decision.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class UrlDomainTests {

    private static final Operator.UrlDomain URL_DOMAIN = new Operator.UrlDomain();

    private static String origin(String url) {
        JsonNode out = URL_DOMAIN.apply(JsonNodeFactory.instance.stringNode(url), PSEUDONYMISER);
        return out == null ? null : out.stringValue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://news.example/story?id=7                     | https://news.example",
                "HTTPS://News.Example/Path#frag                      | https://news.example",
                "https://alice:s3cret@news.example:8443/a?b=c#d      | https://news.example",
                "https://user@host.example                           | https://host.example",
                "http://[2001:DB8::1]:8080/path                      | http://[2001:db8::1]",
                "http://[::1]/                                       | http://[::1]",
                "https://news.example?q=alice@example.com            | https://news.example",
                "https://news.example#me@evil.example                | https://news.example",
                "https://news.example/path with spaces^`?q=<x>      | https://news.example",
                "https://news.example\\\\path                        | https://news.example",
                "'  https://news.example/x  '                        | https://news.example",
                "android-app://com.example.app/path                  | android-app://com.example.app",
                "ftp://files.example:21                              | ftp://files.example",
                "https://bücher.example/seite                        | https://bücher.example",
            })
    void keepsOnlyTheSchemeAndTheHost(String url, String expected) {
        assertThat(origin(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "news.example/story",
                "/relative/path",
                "mailto:alice@example.com",
                "https:news.example",
                "https://",
                "https:///path",
                "https://:443/",
                "https://user@/path",
                "http://[::1/path",
                "http://[]/",
                "1http://host.example",
                "ht tp://host.example",
                "://host.example",
                "https://ho st.example/",
            })
    void aUrlWithoutASchemeOrAHostIsInvalid(String url) {
        assertThat(origin(url)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "null", "false", "{'url':'https://x.example'}", "['https://x.example']"})
    void nonStringsAreInvalid(String json) {
        assertThat(URL_DOMAIN.apply(value(json), PSEUDONYMISER)).isNull();
    }
}
