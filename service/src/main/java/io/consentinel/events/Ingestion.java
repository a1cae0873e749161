package io.consentinel.events;

import io.consentinel.consent.ConsentSnapshots;
import io.consentinel.decision.Decision;
import io.consentinel.decision.DecisionEngine;
import io.consentinel.decision.EventInput;
import io.consentinel.decision.FieldAction;
import io.consentinel.decision.Policy;
import io.consentinel.decision.Reason;
import io.consentinel.policy.ActivePolicy;
import io.consentinel.security.KeyConfirmations;
import io.consentinel.web.StoreUnavailableException;
import io.consentinel.zones.DecisionBasis;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.EventKey;
import io.consentinel.zones.PendingDecision;
import io.consentinel.zones.StaleDecision;
import io.consentinel.zones.StoreUnavailable;
import io.consentinel.zones.SubjectPseudonyms;
import io.consentinel.zones.WrittenDecision;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import io.consentinel.zones.ZoneWriters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * One event's path, top to bottom: look up consent (cached) and the active policy (cached), decide in
 * memory, route the decision to its residency zone's writer (never to another zone), wait for the
 * commit, answer. A batch is decided together and written with one group commit per zone. A request that
 * did not catch up with the change log on arrival (a single event on the direct path) has its decisions
 * confirmed by their writers before the commit, and decides again any they find stale.
 */
@Service
class Ingestion {

    /** How many stores one request's decisions usually go to: its zones and perhaps the home store. */
    private static final int STORES_EXPECTED = 4;

    private final ActivePolicy activePolicy;
    private final ConsentSnapshots consents;
    private final DecisionEngine engine;
    private final SubjectPseudonyms pseudonyms;
    private final ZoneStores stores;
    private final ZoneWriters writers;
    private final KeyConfirmations keys;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer decisionLatency;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    Ingestion(
            ActivePolicy activePolicy,
            ConsentSnapshots consents,
            DecisionEngine engine,
            SubjectPseudonyms pseudonyms,
            ZoneStores stores,
            ZoneWriters writers,
            KeyConfirmations keys,
            Clock clock,
            MeterRegistry meters) {
        this.activePolicy = activePolicy;
        this.consents = consents;
        this.engine = engine;
        this.pseudonyms = pseudonyms;
        this.stores = stores;
        this.writers = writers;
        this.keys = keys;
        this.clock = clock;
        this.meters = meters;
        this.decisionLatency = Timer.builder("consentinel.decision.latency")
                .description("Time to decide one event in memory")
                .register(meters);
    }

    /** Decides and stores valid events; the answers come back in the same order. */
    List<WrittenDecision> ingest(List<EventInput> events, Instant receivedAt) {
        // A repeated event id inside one request is a retry of its first occurrence, whatever its subject:
        // deciding it again could route it to another zone's store, where no constraint would catch it.
        Map<EventKey, Integer> firstOccurrence = new HashMap<>();
        int[] repeats = new int[events.size()];
        List<Integer> firsts = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EventInput event = events.get(i);
            Integer first =
                    firstOccurrence.putIfAbsent(new EventKey(event.appId(), UUID.fromString(event.eventId())), i);
            repeats[i] = first == null ? -1 : first;
            if (first == null) {
                firsts.add(i);
            }
        }
        WrittenDecision[] answers = new WrittenDecision[events.size()];
        boolean caughtUp = keys.caughtUpOnArrival();
        List<Integer> stale = decideAndWrite(events, firsts, receivedAt, answers, caughtUp);
        if (!stale.isEmpty()) {
            // Decided on cached data that a change committed elsewhere has replaced, and not written: catch
            // up now, as on arrival, and decide those again. Decisions made after catching up need no
            // confirmation, so this happens at most once.
            keys.catchUpAndReconfirm();
            stale = decideAndWrite(events, stale, receivedAt, answers, true);
            if (!stale.isEmpty()) {
                throw new IllegalStateException("a decision made after catching up was not confirmed");
            }
        }
        for (int i = 0; i < answers.length; i++) {
            if (repeats[i] >= 0) {
                answers[i] = new WrittenDecision(answers[repeats[i]].decision(), true);
            }
        }
        return List.of(answers);
    }

    /**
     * Decides the events at {@code positions}, routes each decision to its store's writer and fills in the
     * answers; returns the positions whose writer found them decided on data changed meanwhile. With
     * {@code caughtUp} false, the request has not caught up with the change log, so each decision carries
     * what it was decided on (cached policy, key and consent) for its writer to confirm.
     */
    private List<Integer> decideAndWrite(
            List<EventInput> events,
            List<Integer> positions,
            Instant receivedAt,
            WrittenDecision[] answers,
            boolean caughtUp) {
        Policy policy = activePolicy.current();
        BooleanSupplier keyStillRecognised = caughtUp ? null : keys.stillRecognised();
        // Each app's events are judged by its own view of the ledger (its records and the vendor-wide ones).
        Map<String, ConsentSnapshots.Lookup> views = new HashMap<>();
        positions.stream()
                .map(events::get)
                .collect(Collectors.groupingBy(
                        EventInput::appId, Collectors.mapping(EventInput::subjectId, Collectors.toSet())))
                .forEach((appId, subjectIds) -> views.put(appId, consents.lookUp(appId, subjectIds)));
        // Keyed by identity: there are a handful of stores, and a record's hashCode would hash its pool. Sized
        // for them: the default size is for 21 keys, and a single event has one.
        Map<ZoneStore, List<PendingDecision>> byStore = new IdentityHashMap<>(STORES_EXPECTED);
        Map<ZoneStore, List<Integer>> positionsByStore = new IdentityHashMap<>(STORES_EXPECTED);
        for (int i : positions) {
            EventInput event = events.get(i);
            ConsentSnapshots.Lookup lookup = views.get(event.appId());
            long started = System.nanoTime();
            Decision decision = engine.decide(
                    event, lookup.views().get(event.subjectId()), policy, stores.residencyZones(), receivedAt);
            decisionLatency.record(Duration.ofNanos(System.nanoTime() - started));
            ZoneStore store = decision.zone() == null
                    ? stores.home()
                    : stores.residency(decision.zone())
                            .orElseThrow(() -> new IllegalStateException("the engine chose a zone without a store"));
            DecisionBasis basis = caughtUp
                    ? DecisionBasis.CAUGHT_UP
                    : basis(policy, keyStillRecognised, lookup.stillCurrent(event.subjectId()));
            byStore.computeIfAbsent(store, s -> new ArrayList<>()).add(pending(event, decision, receivedAt, basis));
            positionsByStore.computeIfAbsent(store, s -> new ArrayList<>()).add(i);
        }
        Map<ZoneStore, CompletableFuture<List<WrittenDecision>>> writes = new IdentityHashMap<>(byStore.size());
        byStore.forEach((store, pending) -> writes.put(store, writers.submit(store, pending)));
        TreeMap<String, StoreUnavailable> failures = new TreeMap<>();
        List<Integer> stale = new ArrayList<>();
        // Every store is awaited before answering, so that what a failure leaves stored is settled by then.
        writes.forEach((store, write) -> {
            List<Integer> at = positionsByStore.get(store);
            try {
                List<WrittenDecision> written = ZoneWriters.await(store, write);
                for (int k = 0; k < written.size(); k++) {
                    answers[at.get(k)] = written.get(k);
                    count(written.get(k));
                }
            } catch (StaleDecision decidedOnOldData) {
                stale.addAll(at);
            } catch (StoreUnavailable e) {
                failures.put(store.name(), e);
            }
        });
        if (!failures.isEmpty()) {
            boolean othersCommitted = Arrays.stream(answers).anyMatch(Objects::nonNull);
            throw partlyWritten(failures, othersCommitted);
        }
        return stale;
    }

    /** Whether a decision still stands: the policy, the key and the subject's consent it was made on. */
    private DecisionBasis basis(Policy policy, BooleanSupplier keyStillRecognised, BooleanSupplier consent) {
        return () -> activePolicy.stillActive(policy) && keyStillRecognised.getAsBoolean() && consent.getAsBoolean();
    }

    /**
     * Each store commits on its own, so when the events of one request go to several stores and one of them
     * fails, the others' events may be stored. The answer says so: a retry is safe, and returns those as
     * duplicates (event ids are idempotency keys).
     */
    private static StoreUnavailableException partlyWritten(
            TreeMap<String, StoreUnavailable> failures, boolean othersCommitted) {
        StoreUnavailable first = failures.values().iterator().next();
        if (!othersCommitted) {
            return new StoreUnavailableException(first.getMessage(), first.getCause());
        }
        String down = failures.size() == 1
                ? "zone store " + failures.firstKey() + " is"
                : "zone stores " + String.join(", ", failures.keySet()) + " are";
        return new StoreUnavailableException(
                "Some events of this request could not be stored: " + down
                        + " unavailable. Events for other zones may have been stored; retrying the same request is safe,"
                        + " and answers those with duplicate: true.",
                first.getCause());
    }

    Instant now() {
        return DecisionRecord.micros(clock.instant());
    }

    private PendingDecision pending(EventInput event, Decision decision, Instant receivedAt, DecisionBasis basis) {
        DecisionRecord record = new DecisionRecord(
                0,
                UUID.fromString(event.eventId()),
                event.appId(),
                event.subjectId(),
                pseudonyms.of(event.subjectId()),
                event.type(),
                decision.jurisdiction(),
                decision.zone(),
                decision.outcome().wireName(),
                decision.reasons().stream().map(Reason::name).toList(),
                decision.fields().stream().map(Ingestion::field).toList(),
                decision.consentRecordIds(),
                decision.policyVersion(),
                DecisionRecord.micros(event.occurredAt()),
                receivedAt);
        Instant expiresAt =
                decision.retentionDays() == null ? null : receivedAt.plus(Duration.ofDays(decision.retentionDays()));
        return new PendingDecision(record, decision.storedAttributes(), expiresAt, basis);
    }

    private static DecisionRecord.Field field(FieldAction action) {
        return new DecisionRecord.Field(
                action.path(),
                action.category(),
                action.action(),
                action.reason().name());
    }

    private void count(WrittenDecision written) {
        if (!written.duplicate()) {
            DecisionRecord d = written.decision();
            String zone = d.zone() == null ? "none" : d.zone();
            // A handful of outcome and zone pairs: looked up once each, not built and hashed per event.
            counters.computeIfAbsent(
                            d.outcome() + '\u0000' + zone,
                            key -> meters.counter("consentinel.events", "outcome", d.outcome(), "zone", zone))
                    .increment();
        }
    }
}
