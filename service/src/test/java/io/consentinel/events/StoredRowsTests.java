package io.consentinel.events;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.ChainCheck;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What the group commit writes is exactly what was decided, whatever characters the values hold. */
class StoredRowsTests extends IntegrationTest {

    /** Characters that mean something to COPY, to array literals, to JSON or to UTF-8. */
    static final List<String> AWKWARD = List.of(
            "tab\there",
            "new\nline",
            "carriage\rreturn",
            "back\\slash",
            "\\N",
            "\\.",
            "quote\"d",
            "{braces,comma}",
            "NULL",
            "",
            " padded ",
            "ünïcødé ✓ 中文 🚀",
            "\u0001control\u001f",
            "end\\");

    @Autowired
    ZoneStores stores;

    @Test
    void awkwardAttributeValuesAreStoredExactlyInASmallGroup() {
        awkwardAttributeValuesAreStoredExactly(1); // multi-row inserts
    }

    @Test
    void awkwardAttributeValuesAreStoredExactlyInABigGroup() {
        awkwardAttributeValuesAreStoredExactly(5); // COPY: more than ZoneWriter.COPY_FROM rows in one group
    }

    void awkwardAttributeValuesAreStoredExactly(int rounds) {
        String appId = Api.unique("app");
        Api app = api().as(api().issueKey("app", appId));
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (String awkward : AWKWARD) {
                String value = awkward + "#" + round;
                Map<String, Object> event = pageView(appId, subject);
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("title", value); // behaviour.page_content, kept: every purpose is granted
                attributes.put("searchQuery", List.of(value, value + value));
                attributes.put("durationMs", 12);
                event.put("attributes", attributes);
                batch.add(event);
            }
        }

        Reply reply = app.post("/v1/events/batch", Map.of("events", batch));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()
                        .get("results")
                        .valueStream()
                        .map(r -> r.get("outcome").asString()))
                .containsOnly("accepted");
        ZoneStore in = stores.byName("in").orElseThrow();
        for (Map<String, Object> event : batch) {
            String stored = in.jdbc()
                    .sql("select attributes::text from events where app_id = ? and event_id = ?::uuid")
                    .params(appId, event.get("eventId"))
                    .query(String.class)
                    .single();
            JsonNode expected = Api.JSON.valueToTree(event.get("attributes"));
            assertThat(Api.JSON.readTree(stored)).isEqualTo(expected);
        }
        ChainCheck.verify(in);
    }

    @Test
    void awkwardSubjectIdsAreStoredExactlyAndTheChainVerifies() {
        String appId = Api.unique("app");
        Api app = api().as(api().issueKey("app", appId));
        String subject = "u\n\\N\t\"" + Api.unique("x") + "{,}";
        Map<String, Object> event = pageView(appId, subject);
        event.put("jurisdiction", "IN"); // no consent record: rejected in zone in, with its decision recorded

        Reply reply = app.post("/v1/events", event);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("zone").asString()).isEqualTo("in");
        ZoneStore in = stores.byName("in").orElseThrow();
        assertThat(in.jdbc()
                        .sql("select subject_id from decisions where app_id = ? and event_id = ?::uuid")
                        .params(appId, event.get("eventId"))
                        .query(String.class)
                        .single())
                .isEqualTo(subject);
        ChainCheck.verify(in);
    }
}
