package io.consentinel.zones;

import io.consentinel.ConsentinelProperties;
import io.consentinel.control.ControlClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The group-commit writer of every store, and the one way the ingest path writes decisions. */
@Component
public class ZoneWriters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ZoneWriters.class);

    /** How long a request waits for its commit before it is answered 503 (see {@link ZoneWriter#answerOverdue}). */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** How often the overdue are looked for: a request waits at most this much longer than {@link #WAIT}. */
    static final Duration OVERDUE_CHECK = Duration.ofSeconds(1);

    private final Map<String, ZoneWriter> writers = new LinkedHashMap<>();
    private final Duration wait;
    private final Duration overdueCheck;
    private final Thread overdue;
    private volatile boolean running = true;

    @Autowired
    ZoneWriters(ZoneStores stores, MeterRegistry meters, ControlClock clock, ConsentinelProperties properties) {
        this(
                stores,
                store -> new ZoneWriter(store, meters, clock::catchUp, properties.storeSilenceLimit()),
                WAIT,
                OVERDUE_CHECK);
    }

    /** Writers made by {@code writer}; tests shorten the wait. */
    ZoneWriters(ZoneStores stores, Function<ZoneStore, ZoneWriter> writer, Duration wait, Duration overdueCheck) {
        stores.all().forEach(store -> writers.put(store.name(), writer.apply(store)));
        this.wait = wait;
        this.overdueCheck = overdueCheck;
        this.overdue = Thread.ofPlatform().name("zone-writers-overdue").daemon().start(this::answerOverdue);
    }

    /** Queues decisions for one store; the future completes after their commit. */
    public CompletableFuture<List<WrittenDecision>> submit(ZoneStore store, List<PendingDecision> decisions) {
        return writers.get(store.name()).submit(decisions);
    }

    /**
     * Waits for a submitted write; a store that is down or too slow is a {@link StoreUnavailable}, with nothing
     * half-written, and decisions made on data changed meanwhile a {@link StaleDecision}, with nothing written.
     * The writers answer every request, within {@link #WAIT} or as overdue, so the wait has no timeout of its own.
     */
    public static List<WrittenDecision> await(ZoneStore store, CompletableFuture<List<WrittenDecision>> write) {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("Interrupted while writing to zone " + store.name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StaleDecision stale) {
                throw stale;
            }
            if (e.getCause() instanceof StoreUnavailable unavailable) {
                throw unavailable;
            }
            throw StoreUnavailable.nothingWritten(store.name(), e.getCause());
        }
    }

    private void answerOverdue() {
        while (running) {
            LockSupport.parkNanos(overdueCheck.toNanos());
            long now = System.nanoTime();
            try {
                writers.values().forEach(writer -> writer.answerOverdue(now, wait));
            } catch (RuntimeException e) {
                // Only a bug gets here; the next check tries again rather than leaving requests waiting forever.
                log.error("Looking for overdue zone writes failed", e);
            }
        }
    }

    @Override
    public void destroy() {
        running = false;
        LockSupport.unpark(overdue);
        writers.values().forEach(ZoneWriter::stop);
    }
}
