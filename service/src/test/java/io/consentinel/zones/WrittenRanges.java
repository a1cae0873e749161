package io.consentinel.zones;

import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** For tests that write decisions around the writer: records their receipt range as a group commit does. */
public final class WrittenRanges {

    private WrittenRanges() {}

    public static void record(ZoneStore store, long first, long last, Instant earliest, Instant latest) {
        ReceiptRanges.record(new JdbcTemplate(store.dataSource()), first, last, earliest, latest);
    }
}
