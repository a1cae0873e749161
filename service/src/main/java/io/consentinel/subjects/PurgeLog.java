package io.consentinel.subjects;

import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Records retention purges that deleted anything in the control store's {@code purges} table. */
@Component
class PurgeLog {

    private static final Logger log = LoggerFactory.getLogger(PurgeLog.class);

    private final JdbcClient control;
    private final JsonMapper json;

    PurgeLog(JdbcClient control, JsonMapper json) {
        this.control = control;
        this.json = json;
    }

    void record(RetentionPurge.Result result, String requestedBy) {
        try {
            control.sql("""
                            insert into purges (started_at, finished_at, trigger, requested_by, counts, total)
                            values (?, ?, ?, ?, ?::jsonb, ?)""")
                    .params(
                            Timestamp.from(result.startedAt()),
                            Timestamp.from(result.finishedAt()),
                            result.trigger(),
                            requestedBy,
                            json.writeValueAsString(result.counts()),
                            result.total())
                    .update();
        } catch (DataAccessException e) {
            // The events are gone either way; the log line above still carries the counts.
            log.warn("Could not record a retention purge: {}", e.getClass().getSimpleName());
        }
    }
}
