package io.consentinel.zones;

import io.consentinel.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Tests that start zone writers of their own on the test stores; each writer is stopped after its test. */
abstract class ZoneWriterTest extends IntegrationTest {

    @Autowired
    ZoneStores stores;

    private final List<ZoneWriter> started = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        started.forEach(ZoneWriter::stop);
    }

    /** How many decisions the store holds for this one's event: 0 or 1. */
    static long stored(ZoneStore store, PendingDecision pending) {
        return store.jdbc()
                .sql("select count(*) from decisions where app_id = ? and event_id = ?")
                .params(pending.decision().appId(), pending.decision().eventId())
                .query(Long.class)
                .single();
    }

    /** {@code writer}, to be stopped after this test. */
    ZoneWriter stoppedAfterTheTest(ZoneWriter writer) {
        started.add(writer);
        return writer;
    }
}
