package io.consentinel.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** How the direct path reads a body: whole, whatever the client declared about its length. */
class DirectRouteBodyTests {

    private static final byte[] EVENT = "{\"eventId\":\"e-1\",\"type\":\"page_view\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBodyOfTheDeclaredLengthIsReadWhole() throws IOException {
        assertThat(DirectRoutes.bodyOf(declaring(EVENT, EVENT.length))).isEqualTo(EVENT);
    }

    @Test
    void aBodyWithoutADeclaredLengthIsReadWhole() throws IOException {
        assertThat(DirectRoutes.bodyOf(declaring(EVENT, -1))).isEqualTo(EVENT);
    }

    @Test
    void aBodyThatEndsBeforeItsDeclaredLengthKeepsWhatCame() throws IOException {
        assertThat(DirectRoutes.bodyOf(declaring(EVENT, EVENT.length + 100))).isEqualTo(EVENT);
    }

    @Test
    void aBodyLargerThanTheExactReadIsReadWhole() throws IOException {
        byte[] large = new byte[DirectRoutes.EXACT_READ_UP_TO + 1];
        large[large.length - 1] = '}';
        assertThat(DirectRoutes.bodyOf(declaring(large, large.length))).isEqualTo(large);
    }

    private static MockHttpServletRequest declaring(byte[] content, long declaredLength) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/events") {
            @Override
            public long getContentLengthLong() {
                return declaredLength;
            }
        };
        request.setContent(content);
        return request;
    }
}
