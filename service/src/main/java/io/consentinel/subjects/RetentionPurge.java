package io.consentinel.subjects;

import io.consentinel.zones.ExpiredEvents;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Deletes events past their {@code expires_at} in every residency zone: on a schedule on every node, and
 * on demand. Only residency zones store events; the control store's home keeps rejected decisions only.
 * Decisions are kept: they are the audit trail, and deleting one would break its zone's chain.
 */
@Service
class RetentionPurge {

    static final String SCHEDULED = "scheduled";
    static final String ON_DEMAND = "on-demand";
    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final ZoneStores stores;
    private final ExpiredEvents expired;
    private final PurgeLog purges;
    private final RetentionProperties properties;
    private final Clock clock;
    private final Map<String, Counter> purged = new LinkedHashMap<>();

    RetentionPurge(
            ZoneStores stores,
            ExpiredEvents expired,
            PurgeLog purges,
            RetentionProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.stores = stores;
        this.expired = expired;
        this.purges = purges;
        this.properties = properties;
        this.clock = clock;
        for (String zone : stores.residencyZones()) {
            purged.put(
                    zone,
                    Counter.builder("consentinel.retention.purged")
                            .description("Expired events deleted by the retention purge")
                            .tag("zone", zone)
                            .register(meters));
        }
    }

    @Scheduled(
            fixedDelayString = "${consentinel.retention.purge-interval:PT1H}",
            initialDelayString = "${consentinel.retention.purge-interval:PT1H}")
    void scheduled() {
        run(SCHEDULED, null);
    }

    /** Purges every zone it can; a zone that is down or being purged elsewhere is reported, not fatal. */
    Result run(String trigger, String requestedBy) {
        Instant started = clock.instant();
        Map<String, ZonePurge> zones = new TreeMap<>();
        for (String zone : stores.residencyZones()) {
            ZoneStore store = stores.residency(zone).orElseThrow();
            zones.put(zone, purge(store));
        }
        Result result = Result.of(trigger, started, clock.instant(), zones);
        if (result.total() > 0) {
            log.info("Retention purge ({}) deleted {} expired events: {}", trigger, result.total(), result.counts());
            purges.record(result, requestedBy);
        }
        return result;
    }

    private ZonePurge purge(ZoneStore store) {
        try {
            // Deletes in bounded batches, each its own short transaction; empty when another node holds the zone.
            OptionalLong deleted = expired.purge(store, properties.batchSize());
            if (deleted.isEmpty()) {
                return ZonePurge.busy();
            }
            purged.get(store.name()).increment(deleted.getAsLong());
            return ZonePurge.done(deleted.getAsLong());
        } catch (DataAccessException e) {
            // The next run retries; expired events wait one interval longer, which is all this costs.
            log.warn(
                    "Retention purge skipped zone {}: {}",
                    store.name(),
                    e.getClass().getSimpleName());
            return ZonePurge.unavailable();
        }
    }

    /** One run: when, why, and each zone's outcome. */
    record Result(String trigger, Instant startedAt, Instant finishedAt, long total, Map<String, ZonePurge> zones) {

        static Result of(String trigger, Instant startedAt, Instant finishedAt, Map<String, ZonePurge> zones) {
            long total = zones.values().stream().mapToLong(ZonePurge::purged).sum();
            return new Result(trigger, startedAt, finishedAt, total, zones);
        }

        /** Events deleted per zone, as logged and recorded. */
        Map<String, Long> counts() {
            Map<String, Long> counts = new TreeMap<>();
            zones.forEach((zone, outcome) -> counts.put(zone, outcome.purged()));
            return counts;
        }
    }

    /** One zone's outcome: {@code done} with a count, {@code busy} (purged elsewhere) or {@code unavailable}. */
    record ZonePurge(String status, long purged) {

        static ZonePurge done(long purged) {
            return new ZonePurge("done", purged);
        }

        static ZonePurge busy() {
            return new ZonePurge("busy", 0);
        }

        static ZonePurge unavailable() {
            return new ZonePurge("unavailable", 0);
        }
    }
}
