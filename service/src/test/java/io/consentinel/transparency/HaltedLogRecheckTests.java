package io.consentinel.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import io.consentinel.transparency.tree.TreeHashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjLongConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * While a log is halted, checkpoint requests must not each re-read every row: they re-test the cheap
 * evidence of the problem, and the full check runs again only once that evidence is gone. Counted in full
 * passes over the entries and in rows read, on a log kept in memory.
 */
class HaltedLogRecheckTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Checkpoints checkpoints =
            new Checkpoints(new SigningKey(new byte[32]), new LogProperties("test.example", null), clock);

    @Test
    void aHaltedLogIsReadInFullOnlyOnceItsEditedRowIsRestored() {
        MemoryLog log = new MemoryLog();
        for (int i = 0; i < 1000; i++) {
            log.append(entry(i));
        }
        assertThat(checkpoints.current(log).treeSize()).isEqualTo(1000);
        ObjectNode original = log.rows.get(700);
        log.rows.set(700, entry(-1));
        assertThat(checkpoints.check(log).problem()).isNotNull();
        int fullPasses = log.fullPasses;
        log.append(entry(1000));

        long rowsBefore = log.rowsRead;
        for (int request = 0; request < 50; request++) {
            assertThatThrownBy(() -> checkpoints.current(log)).isInstanceOf(SigningHaltedException.class);
        }
        assertThat(log.fullPasses).isEqualTo(fullPasses);
        assertThat(log.rowsRead - rowsBefore).isEqualTo(50);

        log.rows.set(700, original);
        assertThat(checkpoints.current(log).treeSize()).isEqualTo(1001);
        assertThat(log.fullPasses).isEqualTo(fullPasses + 1);
        assertThat(checkpoints.halted(log)).isEmpty();
    }

    @Test
    void aHaltedLogWhoseProblemHasNoPlaceIsCheckedInFullAtMostOncePerInterval() {
        MemoryLog log = new MemoryLog();
        for (int i = 0; i < 4; i++) {
            log.append(entry(i));
        }
        checkpoints.current(log);
        log.append(entry(4));
        // The head no longer matches the rows, though every row still gives its stored leaf.
        log.head = Frontier.of(5, List.of(new byte[32], new byte[32]));
        assertThat(checkpoints.check(log).problem()).isEqualTo("rows-differ-from-log");
        int fullPasses = log.fullPasses;

        for (int request = 0; request < 20; request++) {
            assertThatThrownBy(() -> checkpoints.current(log)).isInstanceOf(SigningHaltedException.class);
        }
        assertThat(log.fullPasses).isEqualTo(fullPasses);

        clock.advance(Halt.UNPINNED_RECHECK.plusSeconds(1));
        for (int request = 0; request < 20; request++) {
            assertThatThrownBy(() -> checkpoints.current(log)).isInstanceOf(SigningHaltedException.class);
        }
        assertThat(log.fullPasses).isEqualTo(fullPasses + 1);
    }

    @Test
    void aLogHaltedBecauseItsStoredTreeWasRewoundResumesOnceTheTreeIsBack() {
        MemoryLog log = new MemoryLog();
        for (int i = 0; i < 8; i++) {
            log.append(entry(i));
        }
        checkpoints.current(log);
        Frontier signedHead = log.head;
        log.head = Frontier.of(3, List.of(new byte[32], new byte[32]));
        assertThatThrownBy(() -> checkpoints.current(log)).isInstanceOf(SigningHaltedException.class);
        for (int request = 0; request < 20; request++) {
            assertThatThrownBy(() -> checkpoints.current(log)).isInstanceOf(SigningHaltedException.class);
        }
        assertThat(log.fullPasses).isZero();

        log.head = signedHead;
        assertThat(checkpoints.current(log).treeSize()).isEqualTo(8);
        assertThat(log.fullPasses).isEqualTo(1);
    }

    private static ObjectNode entry(int n) {
        return JSON.createObjectNode().put("n", n);
    }

    /** A log whose rows, stored subtrees and head the test edits as an operator would edit tables. */
    private static final class MemoryLog implements TransparencyLog {
        final List<ObjectNode> rows = new ArrayList<>();
        final Map<Node, byte[]> stored = new HashMap<>();
        final List<Checkpoint> kept = new ArrayList<>();
        Frontier head = Frontier.empty();
        int fullPasses;
        long rowsRead;

        void append(ObjectNode entry) {
            rows.add(entry);
            Frontier grown = head.copy();
            grown.append(TreeHashes.leaf(CanonicalJson.bytes(entry)))
                    .forEach(closed -> stored.put(closed.node(), closed.hash()));
            head = grown;
        }

        @Override
        public String name() {
            return "in";
        }

        @Override
        public Frontier head() {
            return head.copy();
        }

        @Override
        public Map<Node, byte[]> nodes(Collection<Node> nodes) {
            Map<Node, byte[]> found = new HashMap<>();
            nodes.stream().filter(stored::containsKey).forEach(node -> found.put(node, stored.get(node)));
            return found;
        }

        @Override
        public List<ObjectNode> entries(long start, long end) {
            List<ObjectNode> entries = new ArrayList<>();
            for (long i = start; i < Math.min(end, rows.size()); i++) {
                entries.add(rows.get((int) i));
            }
            rowsRead += entries.size();
            return entries;
        }

        @Override
        public void forEachEntry(long end, ObjLongConsumer<ObjectNode> entry) {
            fullPasses++;
            for (int i = 0; i < Math.min(end, rows.size()); i++) {
                rowsRead++;
                entry.accept(rows.get(i), i);
            }
        }

        @Override
        public Optional<Checkpoint> latestCheckpoint() {
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept.getLast());
        }

        @Override
        public boolean keep(Checkpoint checkpoint) {
            if (kept.stream().anyMatch(k -> k.treeSize() == checkpoint.treeSize())) {
                return false;
            }
            kept.add(checkpoint);
            return true;
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
