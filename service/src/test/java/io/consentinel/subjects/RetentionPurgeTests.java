package io.consentinel.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class RetentionPurgeTests extends IntegrationTest {

    @Autowired
    ZoneStores stores;

    @Autowired
    JdbcClient control;

    @Autowired
    MeterRegistry meters;

    @Test
    void purgeDeletesOnlyExpiredEventsAndRecordsTheRun() {
        String subject = Api.unique("u");
        SubjectFixtures telemetry = new SubjectFixtures(api());
        telemetry.consent(subject, "IN", Duration.ofHours(1));
        String expired = telemetry.pageView(subject, null).get("eventId").asString();
        String fresh = telemetry.pageView(subject, null).get("eventId").asString();
        JdbcClient in = stores.byName("in").orElseThrow().jdbc();
        in.sql("update events set expires_at = now() - interval '1 day' where event_id = ?")
                .param(UUID.fromString(expired))
                .update();
        double countedBefore = purgedCounter();
        Instant before = Instant.now().minusSeconds(1);

        Reply reply = api().post("/v1/admin/retention/purge", "");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode run = reply.json();
        assertThat(run.propertyNames())
                .containsExactlyInAnyOrder("trigger", "startedAt", "finishedAt", "total", "zones");
        assertThat(run.get("trigger").asString()).isEqualTo("on-demand");
        assertThat(run.get("zones").get("in").get("status").asString()).isEqualTo("done");
        assertThat(run.get("zones").get("in").get("purged").asLong()).isPositive();
        assertThat(run.get("zones").get("eu").get("status").asString()).isEqualTo("done");
        assertThat(run.get("total").asLong()).isPositive();
        assertThat(eventCount(in, expired)).isZero();
        assertThat(eventCount(in, fresh)).isOne();
        assertThat(in.sql("select count(*) from decisions where event_id = ?")
                        .param(UUID.fromString(expired))
                        .query(Long.class)
                        .single())
                .as("the decision is the audit trail and stays")
                .isOne();
        assertThat(purgedCounter() - countedBefore).isGreaterThanOrEqualTo(1);

        var recorded =
                control.sql("""
                        select trigger, requested_by, (counts ->> 'in')::bigint as in_count, total
                        from purges where started_at >= ? order by id desc limit 1""").param(java.sql.Timestamp.from(before)).query().singleRow();
        assertThat(recorded).containsEntry("trigger", "on-demand").containsEntry("requested_by", "bootstrap");
        assertThat((Long) recorded.get("in_count")).isPositive();
        assertThat((Long) recorded.get("total")).isEqualTo(run.get("total").asLong());
    }

    @Test
    void purgeRequiresTheAdminRole() {
        Reply reply = api().as(api().issueKey("officer", null)).post("/v1/admin/retention/purge", "");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private double purgedCounter() {
        return meters.get("consentinel.retention.purged")
                .tag("zone", "in")
                .counter()
                .count();
    }

    private static long eventCount(JdbcClient zone, String eventId) {
        return zone.sql("select count(*) from events where event_id = ?")
                .param(UUID.fromString(eventId))
                .query(Long.class)
                .single();
    }
}
