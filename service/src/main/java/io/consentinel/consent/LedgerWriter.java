package io.consentinel.consent;

import io.consentinel.ConsentinelProperties;
import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.control.StoreConnections;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends consent records by group commit, as the zone writers do for decisions. Requests from many threads
 * queue here; one worker drains whatever is waiting into one transaction on the control store: the records
 * and their purposes ({@link RecordGroups}), one change-log entry per subject ({@link ControlClock#recordEach}),
 * and a read of every subject's records for the answers. One commit, and one WAL flush, serves the group. At
 * low load a group is one request, committed at once; under load, requests queue during a commit and the
 * next group takes them all. Nothing here waits for a linger: the commit itself is the wait.
 *
 * <p>A request is answered only after its group committed, so a 201 still means that the record and its
 * change-log entry are committed, and a withdrawal applies to the subject's next event on every node. The
 * group holds no lock that another node's writer needs: inserts of distinct rows do not wait for each other.
 * After each commit the consent log is asked to take the new records ({@link ConsentLog#appendSoon}).
 *
 * <p>Plain JDBC, not JPA: a group is a few multi-row statements, which the entity path cannot express, and on
 * the old path Hibernate's flush of one record alone took about an eighth of the service's samples. Reads of
 * the ledger stay on JPA.
 */
@Component
class LedgerWriter {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    /** At most this many records go into one transaction; more wait for the next. */
    static final int MAX_GROUP = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ControlClock clock;
    private final ConsentLog consentLog;
    /** How long a group waits for the control store to answer before it gives its connection up. */
    private final Duration silenceLimit;

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Timer commitLatency;
    private final DistributionSummary groupSize;
    private final Thread worker;
    private volatile boolean running = true;

    /**
     * @param transactionManager the control store's, so that the change-log entries join the group's
     *     transaction
     */
    LedgerWriter(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            ControlClock clock,
            ConsentLog consentLog,
            MeterRegistry meters,
            ConsentinelProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.silenceLimit = properties.storeSilenceLimit();
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.consentLog = consentLog;
        this.commitLatency = Timer.builder("consentinel.consent.group.latency")
                .description("Time to commit one group of consent records to the control store")
                .register(meters);
        this.groupSize = DistributionSummary.builder("consentinel.consent.group.size")
                .description("Consent records committed per group commit")
                .register(meters);
        Gauge.builder("consentinel.consent.waiting", queue, BlockingQueue::size)
                .description("Consent records waiting for the next group commit")
                .register(meters);
        this.worker = Thread.ofPlatform().name("consent-ledger-writer").daemon().start(this::run);
    }

    /**
     * Appends the record and returns, once it is committed, every record of its subject in every scope, in
     * ledger order (the new one included). A failure is thrown as it was raised, a data access exception
     * when the control store refused or could not be reached.
     */
    List<StoredRecord> append(RecordToAppend record) {
        Request request = new Request(record, new CompletableFuture<>());
        queue.add(request);
        // A request queued after the worker's last look at the queue would wait for ever.
        if (!running && queue.remove(request)) {
            throw new IllegalStateException("consent ledger writer stopped");
        }
        try {
            return request.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the consent record was being committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many requests wait for the next group. */
    int waiting() {
        return queue.size();
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.interrupt();
    }

    private void run() {
        List<Request> group = new ArrayList<>();
        while (running) {
            try {
                group.add(queue.take());
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // commit() completes every request itself; this only guards the loop against a bug.
                log.error("Consent ledger writer failed unexpectedly", e);
                group.forEach(r -> r.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("consent ledger writer stopped"));
        }
    }

    /**
     * One transaction for the group. If it fails for a reason other than the store being down, each request
     * is written alone, so that one bad record cannot fail the others.
     */
    private void commit(List<Request> group) {
        try {
            Map<Request, List<StoredRecord>> written = commitLatency.record(() -> writeGroup(group));
            written.forEach((request, records) -> request.done().complete(records));
            consentLog.appendSoon();
        } catch (RuntimeException failure) {
            if (StoreConnections.lost(failure)) {
                log.warn(
                        "The control store is unreachable or stopped answering: {}",
                        failure.getClass().getSimpleName());
                // As the API answers an unreachable store: 503. One lost during the commit surfaces as the
                // transaction manager's exception, which would otherwise be a 500.
                RuntimeException unreachable = failure instanceof DataAccessResourceFailureException
                                || failure instanceof CannotCreateTransactionException
                        ? failure
                        : new DataAccessResourceFailureException("The control store stopped answering", failure);
                group.forEach(r -> r.done().completeExceptionally(unreachable));
                return;
            }
            if (group.size() == 1) {
                // Only the type: a database message can quote the row's values.
                log.warn(
                        "The control store refused a consent record: {}",
                        failure.getClass().getSimpleName());
                group.getFirst().done().completeExceptionally(failure);
                return;
            }
            for (Request request : group) {
                commit(List.of(request));
            }
        }
    }

    private Map<Request, List<StoredRecord>> writeGroup(List<Request> group) {
        List<RecordToAppend> records = new ArrayList<>(group.size());
        Set<String> subjects = new LinkedHashSet<>();
        for (Request request : group) {
            records.add(request.record());
            subjects.add(request.record().subjectId());
        }
        Map<String, List<StoredRecord>> bySubject =
                StoreConnections.inTransaction(transactions, jdbc, silenceLimit, () -> {
                    RecordGroups.insert(jdbc, records);
                    // Every node applies these entries on its first request after the commit, so each record (a
                    // withdrawal, say) applies to its subject's next event wherever it lands.
                    clock.recordEach(ChangeKind.CONSENT, subjects);
                    return RecordGroups.read(jdbc, subjects);
                });
        groupSize.record(group.size());
        // Keyed by identity: two requests may carry equal records only in a test, but they are two answers.
        Map<Request, List<StoredRecord>> answers = new IdentityHashMap<>();
        for (Request request : group) {
            answers.put(request, bySubject.getOrDefault(request.record().subjectId(), List.of()));
        }
        return answers;
    }

    private record Request(RecordToAppend record, CompletableFuture<List<StoredRecord>> done) {}
}
