package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.decision.ConsentSnapshot;
import io.consentinel.decision.Decision;
import io.consentinel.decision.DecisionEngine;
import io.consentinel.decision.EventInput;
import io.consentinel.decision.Policy;
import io.consentinel.decision.Pseudonymiser;
import io.consentinel.policy.DefaultPolicy;
import io.consentinel.security.Role;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties of scoped, timed consent, over seeded random ledgers (each seed reproduces one case): a
 * record never counts for an event that occurred before it was captured, another app's records never
 * count at all, and only an admin can set a capture time beyond the backdating limit.
 */
class ConsentScopeProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Policy POLICY = DefaultPolicy.load();
    private static final DecisionEngine ENGINE = new DecisionEngine(
            new Pseudonymiser("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private static final Set<String> ZONES = Set.of("in", "eu", "global");
    private static final Instant OCCURRED = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant NOW = OCCURRED.plus(Duration.ofHours(10));
    private static final String APP = "app-x";
    private static final String[] SCOPES = {null, APP, "app-y"};

    static LongStream seeds() {
        return LongStream.range(0, 1000);
    }

    /** A record, as generated: its scope, capture time and what it set. {@code seq} is its append order. */
    record Generated(
            int seq,
            String scope,
            String jurisdiction,
            Boolean child,
            Instant capturedAt,
            Instant expiresAt,
            Map<String, Boolean> purposes) {

        SubjectLedger.Entry entry() {
            return new SubjectLedger.Entry("r" + seq, scope, jurisdiction, child, capturedAt, expiresAt, purposes);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRecordNeverCountsForAnEventThatOccurredBeforeItsCapture(long seed) {
        Random random = new Random(seed);
        List<Generated> records = records(random, SCOPES);

        Decision decision = decide(records);

        List<Generated> view = inLedgerOrder(records).stream()
                .filter(r -> r.scope() == null || r.scope().equals(APP))
                .toList();
        if (!decision.rejected()) {
            // The event's purpose was granted: the record that covered the event was captured before it
            // occurred, granted the purpose, and had not expired when it occurred.
            Generated covering = view.stream()
                    .filter(r -> r.purposes().containsKey("analytics")
                            && !r.capturedAt().isAfter(OCCURRED))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("granted with no record captured before the event"));
            assertThat(covering.purposes().get("analytics")).isTrue();
            assertThat(covering.expiresAt() == null || covering.expiresAt().isAfter(OCCURRED))
                    .isTrue();
        }
        List<Generated> capturedLater =
                view.stream().filter(r -> r.capturedAt().isAfter(OCCURRED)).toList();
        if (capturedLater.size() == view.size()) {
            assertThat(decision.rejected())
                    .as("only records captured after the event")
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anotherAppsRecordsNeverChangeADecision(long seed) {
        Random random = new Random(seed);
        List<Generated> own = records(random, new String[] {null, APP});
        List<Generated> withOthers = new ArrayList<>(own);
        int others = 1 + random.nextInt(4);
        for (int i = 0; i < others; i++) {
            withOthers.add(record(random, own.size() + i, "app-y"));
        }

        Decision alone = decide(own);
        Decision beside = decide(withOthers);

        assertThat(beside.outcome()).isEqualTo(alone.outcome());
        assertThat(beside.reasons()).isEqualTo(alone.reasons());
        assertThat(beside.zone()).isEqualTo(alone.zone());
        assertThat(beside.jurisdiction()).isEqualTo(alone.jurisdiction());
        assertThat(beside.consentRecordIds()).isEqualTo(alone.consentRecordIds());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noKeyButAnAdminsSetsACaptureTimeBeyondTheBackdatingLimit(long seed) {
        Random random = new Random(seed);
        Duration limit = Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30));
        Instant receipt = NOW;
        Duration back = Duration.ofSeconds(random.nextLong(-240, 2 * limit.toSeconds()));
        Instant capturedAt = receipt.minus(back);
        Role role = Role.values()[random.nextInt(Role.values().length)];
        ObjectNode body = JSON.createObjectNode()
                .put("jurisdiction", "DE")
                .put("noticeVersion", "n-1")
                .put("capturedAt", capturedAt.toString());
        body.putObject("purposes").put("analytics", "granted");
        boolean beyond = capturedAt.isBefore(receipt.minus(limit));

        if (beyond && role != Role.ADMIN) {
            assertThatThrownBy(() -> ConsentRequests.validate(body, POLICY, receipt, limit, false))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.violations())
                                    .extracting(Violation::pointer)
                                    .containsExactly("/capturedAt"));
        } else {
            ConsentCommand command = ConsentRequests.validate(body, POLICY, receipt, limit, role == Role.ADMIN);
            assertThat(command.capturedAt()).isEqualTo(capturedAt);
            assertThat(command.imported()).isEqualTo(beyond);
        }
    }

    private static Decision decide(List<Generated> records) {
        List<SubjectLedger.Entry> entries =
                inLedgerOrder(records).stream().map(Generated::entry).toList();
        ConsentSnapshot view = new SubjectLedger(entries).viewOf(APP);
        ObjectNode attributes = JSON.createObjectNode().put("durationMs", 5300);
        EventInput event = new EventInput("e-1", APP, "s-1", "browsing.page_view", OCCURRED, "DE", attributes);
        return ENGINE.decide(event, view, POLICY, ZONES, NOW);
    }

    /** Capture time, then append order: the order the ledger reads records in. */
    private static List<Generated> inLedgerOrder(List<Generated> records) {
        return records.stream()
                .sorted(Comparator.comparing(Generated::capturedAt).thenComparingInt(Generated::seq))
                .toList();
    }

    private static List<Generated> records(Random random, String[] scopes) {
        int count = random.nextInt(7);
        List<Generated> records = new ArrayList<>();
        for (int seq = 0; seq < count; seq++) {
            records.add(record(random, seq, scopes[random.nextInt(scopes.length)]));
        }
        return records;
    }

    private static Generated record(Random random, int seq, String scope) {
        // Captured up to ten hours either side of the event, on a minute grid so that ties happen.
        Instant capturedAt = OCCURRED.plus(Duration.ofMinutes(random.nextInt(-600, 601)));
        Instant expiresAt =
                random.nextInt(4) == 0 ? capturedAt.plus(Duration.ofMinutes(1 + random.nextInt(1200))) : null;
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        for (String purpose : new String[] {"analytics", "personalisation"}) {
            int pick = random.nextInt(3);
            if (pick > 0) {
                purposes.put(purpose, pick == 1);
            }
        }
        Boolean child = switch (random.nextInt(4)) {
            case 0 -> true;
            case 1 -> false;
            default -> null;
        };
        String jurisdiction = random.nextBoolean() ? "IN" : "DE";
        return new Generated(seq, scope, jurisdiction, child, capturedAt, expiresAt, purposes);
    }
}
