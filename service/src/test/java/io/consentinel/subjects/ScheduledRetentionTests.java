package io.consentinel.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStores;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The retention purge that runs on its own: registered with the scheduler at the configured interval, and,
 * when the scheduler fires it, purging expired events and recording a run with the trigger "scheduled".
 * The test fires the registered task itself rather than waiting an hour for it.
 */
class ScheduledRetentionTests extends IntegrationTest {

    @Autowired
    ScheduledTaskHolder scheduler;

    @Autowired
    ZoneStores stores;

    @Autowired
    JdbcClient control;

    @Test
    void theScheduledRunIsRegisteredAtTheIntervalAndPurgesAndRecordsWhenItFires() {
        ScheduledTask task = retentionTask();
        assertThat(task.getTask()).isInstanceOf(FixedDelayTask.class);
        FixedDelayTask delay = (FixedDelayTask) task.getTask();
        assertThat(delay.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(delay.getInitialDelayDuration())
                .as("nodes restarted together do not purge at once")
                .isEqualTo(Duration.ofHours(1));

        String subject = Api.unique("u");
        SubjectFixtures telemetry = new SubjectFixtures(api());
        telemetry.consent(subject, "IN", Duration.ofHours(1));
        String expired = telemetry.pageView(subject, null).get("eventId").asString();
        JdbcClient in = stores.byName("in").orElseThrow().jdbc();
        in.sql("update events set expires_at = now() - interval '1 day' where event_id = ?")
                .param(UUID.fromString(expired))
                .update();
        Instant before = Instant.now().minusSeconds(1);

        delay.getRunnable().run(); // what the scheduler does when the delay has passed

        assertThat(in.sql("select count(*) from events where event_id = ?")
                        .param(UUID.fromString(expired))
                        .query(Long.class)
                        .single())
                .isZero();
        Map<String, Object> recorded =
                control.sql("""
                        select trigger, requested_by, total from purges
                        where started_at >= ? and trigger = 'scheduled' order by id desc limit 1""").param(Timestamp.from(before)).query().singleRow();
        assertThat(recorded.get("requested_by")).as("nobody asked for it").isNull();
        assertThat((Long) recorded.get("total")).isPositive();
    }

    private ScheduledTask retentionTask() {
        return scheduler.getScheduledTasks().stream()
                // Named after the method; the runnable itself is wrapped by the scheduler's outcome tracking.
                .filter(t -> t.toString().equals(RetentionPurge.class.getName() + ".scheduled"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no scheduled retention purge: " + scheduler.getScheduledTasks()));
    }
}
