package io.consentinel.console;

import io.consentinel.transparency.Checkpoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per log, the checkpoint the console last found consistent, kept in the control store so every replica
 * checks against the same one and a restart forgets nothing.
 */
@Component
class PinnedCheckpoints {

    /** A pinned checkpoint: what a later checkpoint of the same log must extend. */
    record Pin(long treeSize, byte[] root, Instant signedAt, Instant pinnedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    PinnedCheckpoints(DataSource control, Clock clock) {
        this.jdbc = JdbcClient.create(control);
        this.clock = clock;
    }

    Optional<Pin> pinned(String log) {
        return jdbc.sql(
                        "select tree_size, root, signed_at, pinned_at from console_pinned_checkpoints where log_name = ?")
                .param(log)
                .query((rs, n) -> new Pin(
                        rs.getLong(1),
                        rs.getBytes(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    /**
     * Pins a checkpoint the caller has checked against the pin it read. Never moves a pin backwards: another
     * replica may have pinned a larger checkpoint meanwhile, which this one extends anyway.
     */
    void pin(String log, Checkpoint checkpoint) {
        jdbc.sql("""
                insert into console_pinned_checkpoints (log_name, tree_size, root, signed_at, pinned_at)
                values (?, ?, ?, ?, ?)
                on conflict (log_name) do update
                  set tree_size = excluded.tree_size, root = excluded.root,
                      signed_at = excluded.signed_at, pinned_at = excluded.pinned_at
                  where console_pinned_checkpoints.tree_size < excluded.tree_size""")
                .params(
                        log,
                        checkpoint.treeSize(),
                        checkpoint.root(),
                        Timestamp.from(checkpoint.signedAt()),
                        Timestamp.from(Instant.now(clock)))
                .update();
    }
}
