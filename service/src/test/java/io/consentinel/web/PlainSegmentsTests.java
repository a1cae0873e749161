package io.consentinel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which path variables the direct path may take as they are, and which it leaves to Spring MVC. */
class PlainSegmentsTests {

    @Test
    void everydaySubjectIdsArePlain() {
        for (String id : List.of("u-123", "device_9.alpha", "alice@example.com", "a:b+c=d,e!f*g$h'i(j)k~l")) {
            assertThat(PlainSegments.isPlain(id)).as(id).isTrue();
        }
    }

    @Test
    void anythingThatNeedsDecodingOrNormalisingIsNot() {
        for (String id :
                List.of("", ".", "..", "%75ser", "a/b", "a;jsessionid=1", "a b", "é", "a\\b", "a?b", "a#b", "a&b")) {
            assertThat(PlainSegments.isPlain(id)).as(id).isFalse();
        }
    }
}
