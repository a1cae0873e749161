package io.consentinel.zones;

import io.consentinel.transparency.LogSource;
import io.consentinel.transparency.TransparencyLog;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The transparency log of every store, back-filled at start-up over the rows it does not cover yet. */
@Component
class ZoneLogs implements LogSource {

    private static final Logger log = LoggerFactory.getLogger(ZoneLogs.class);
    static final int BACK_FILL_CHUNK = 10_000;

    private final List<TransparencyLog> logs = new ArrayList<>();

    ZoneLogs(ZoneStores stores) {
        for (ZoneStore store : stores.all()) {
            ZoneLog zoneLog = new ZoneLog(store);
            long appended = zoneLog.backFill(BACK_FILL_CHUNK);
            if (appended > 0) {
                log.info("Transparency log '{}' back-filled with {} earlier decisions", store.name(), appended);
            }
            logs.add(zoneLog);
        }
    }

    @Override
    public List<TransparencyLog> logs() {
        return List.copyOf(logs);
    }
}
