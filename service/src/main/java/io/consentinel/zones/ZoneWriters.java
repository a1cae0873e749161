package io.consentinel.zones;

import io.consentinel.control.ControlClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The group-commit writer of every store, and the one way the ingest path writes decisions. */
@Component
public class ZoneWriters implements DisposableBean {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final Map<String, ZoneWriter> writers = new LinkedHashMap<>();

    ZoneWriters(ZoneStores stores, MeterRegistry meters, ControlClock clock) {
        stores.all().forEach(store -> writers.put(store.name(), new ZoneWriter(store, meters, clock::catchUp)));
    }

    /** Queues decisions for one store; the future completes after their commit. */
    public CompletableFuture<List<WrittenDecision>> submit(ZoneStore store, List<PendingDecision> decisions) {
        return writers.get(store.name()).submit(decisions);
    }

    /**
     * Waits for a submitted write; a store that is down or too slow is a {@link StoreUnavailable}, with nothing
     * half-written, and decisions made on data changed meanwhile a {@link StaleDecision}, with nothing written.
     */
    public static List<WrittenDecision> await(ZoneStore store, CompletableFuture<List<WrittenDecision>> write) {
        try {
            return write.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("Interrupted while writing to zone " + store.name(), e);
        } catch (TimeoutException e) {
            throw new StoreUnavailable("Zone store " + store.name() + " did not commit in time; retry", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StaleDecision stale) {
                throw stale;
            }
            if (e.getCause() instanceof StoreUnavailable unavailable) {
                throw unavailable;
            }
            throw new StoreUnavailable(
                    "Zone store " + store.name() + " is unavailable; nothing was written", e.getCause());
        }
    }

    @Override
    public void destroy() {
        writers.values().forEach(ZoneWriter::stop);
    }
}
