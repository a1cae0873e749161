package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.zones.DecisionRecord;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DecisionLookupTests extends AuditTest {

    @Test
    void aStoredEventShowsItsDecisionAndWhatWasStored() {
        String app = unique("lookup");
        DecisionRecord decision = decisions()
                .append(
                        "eu",
                        DecisionDraft.of(app, unique("subject"))
                                .zone("eu")
                                .jurisdiction("DE")
                                .outcome("anonymised")
                                .reasons("CONSENT_MISSING")
                                .field("device.imei", "device.identifier", "pseudonymise", "CONSENT_MISSING"));
        String stored = "{\"url\":\"https://news.example\",\"device\":{\"imei\":\"ps:k1:AAAA\"},\"durationMs\":5300}";
        decisions().storeEvent("eu", decision, stored);

        Reply reply = officer().get("/v1/audit/decisions/" + decision.eventId());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("eventId").asString()).isEqualTo(decision.eventId().toString());
        assertThat(body.get("zone").asString()).isEqualTo("eu");
        assertThat(body.get("appId").asString()).isEqualTo(app);
        assertThat(body.get("sequence").asLong()).isEqualTo(decision.sequence());
        assertThat(body.get("fields").get(0).get("action").asString()).isEqualTo("pseudonymise");
        assertThat(body.get("storedAttributes").toString())
                .isEqualTo(
                        "{\"url\":\"https://news.example\",\"device\":{\"imei\":\"ps:k1:AAAA\"},\"durationMs\":5300}");
    }

    @Test
    void aRejectedEventHasNoStoredAttributes() {
        DecisionRecord rejected = decisions()
                .append(
                        "control",
                        DecisionDraft.of(unique("lookup"), unique("subject"))
                                .zone(null)
                                .jurisdiction(null)
                                .outcome("rejected")
                                .reasons("JURISDICTION_UNKNOWN"));

        Reply reply = officer().get("/v1/audit/decisions/" + rejected.eventId());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asString()).isEqualTo("rejected");
        assertThat(reply.json().get("zone").isNull()).isTrue();
        assertThat(reply.json().has("storedAttributes")).isTrue();
        assertThat(reply.json().get("storedAttributes").isNull()).isTrue();
    }

    @Test
    void anEventIdUsedByTwoAppsNeedsTheAppId() {
        UUID shared = UUID.randomUUID();
        String first = unique("app-one");
        String second = unique("app-two");
        decisions().append("in", DecisionDraft.of(first, unique("subject")).eventId(shared));
        decisions()
                .append(
                        "eu",
                        DecisionDraft.of(second, unique("subject"))
                                .eventId(shared)
                                .zone("eu"));

        Reply ambiguous = officer().get("/v1/audit/decisions/" + shared);
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.contentType()).startsWith("application/problem+json");
        assertThat(ambiguous.json().get("detail").asString()).contains("appId");

        Reply named = officer().get("/v1/audit/decisions/" + shared + "?appId=" + second);
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.json().get("appId").asString()).isEqualTo(second);
        assertThat(named.json().get("zone").asString()).isEqualTo("eu");
    }

    @Test
    void anUnknownEventIsANotFoundProblem() {
        Reply reply = officer().get("/v1/audit/decisions/" + UUID.randomUUID());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");

        DecisionRecord known = decisions().append("in", DecisionDraft.of(unique("lookup"), unique("subject")));
        assertThat(officer()
                        .get("/v1/audit/decisions/" + known.eventId() + "?appId=another-app")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anEventIdThatIsNotAUuidIsABadRequest() {
        Reply reply = officer().get("/v1/audit/decisions/not-a-uuid?colour=red");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(texts(reply.json().get("errors"), "pointer")).containsExactlyInAnyOrder("/eventId", "/colour");
    }
}
