package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The writer passes the queue state and commit times in, so these run without a clock. */
class GroupLingerTests {

    private static final long MAX = 2_000_000;
    private static final long COMMIT = 4_000_000;

    @Test
    void aLoneRequestIsCommittedWithoutWaiting() {
        GroupLinger linger = new GroupLinger(MAX);
        assertThat(linger.nanos(1)).isZero();
        for (int i = 0; i < 1000; i++) {
            linger.committed(COMMIT);
            assertThat(linger.nanos(1)).isZero();
        }
    }

    @Test
    void underAQueueTheLingerGrowsToBuildGroups() {
        GroupLinger linger = new GroupLinger(MAX);
        linger.committed(1_000_000);
        long previous = linger.nanos(1);
        assertThat(previous).isZero();
        // A backlog that builds up during every commit: the linger rises with it, up to the cap.
        long last = 0;
        for (int queued = 4; queued <= 64; queued *= 2) {
            for (int i = 0; i < 20; i++) {
                linger.committed(1_000_000);
                last = linger.nanos(queued);
            }
            assertThat(last).isGreaterThan(previous);
            previous = last;
        }
        assertThat(last).isPositive().isLessThanOrEqualTo(1_000_000);
        for (int i = 0; i < 20; i++) {
            linger.committed(COMMIT);
        }
        assertThat(linger.nanos(64)).isEqualTo(MAX);
    }

    @Test
    void whenTheLoadGoesTheLingerReturnsToZero() {
        GroupLinger linger = new GroupLinger(MAX);
        for (int i = 0; i < 50; i++) {
            linger.committed(COMMIT);
            assertThat(linger.nanos(32)).isLessThanOrEqualTo(MAX);
        }
        assertThat(linger.nanos(32)).isPositive();
        int lone = 0;
        while (linger.nanos(1) > 0) {
            linger.committed(COMMIT);
            lone++;
        }
        // The average forgets the burst within a few dozen lone requests.
        assertThat(lone).isBetween(1, 30);
    }

    @Test
    void oneBurstDoesNotMakeTheNextLoneRequestWait() {
        GroupLinger linger = new GroupLinger(MAX);
        linger.committed(COMMIT);
        assertThat(linger.nanos(4)).isZero();
        assertThat(linger.nanos(1)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 15, 42, 2026})
    void neverLongerThanTheCapNorThanOneCommitAndZeroWhileGroupsStayLone(long seed) {
        Random random = new Random(seed);
        GroupLinger linger = new GroupLinger(MAX);
        double backlog = 1;
        for (int step = 0; step < 10_000; step++) {
            int queued = random.nextInt(4) == 0 ? 1 + random.nextInt(200) : 1;
            long commit = 100_000 + random.nextInt(10_000_000);
            long wait = linger.nanos(queued);
            backlog += GroupLinger.WEIGHT * (queued - backlog);
            assertThat(wait).isBetween(0L, MAX);
            if (backlog < 2) {
                assertThat(wait).isZero();
            }
            linger.committed(commit);
        }
        GroupLinger quiet = new GroupLinger(MAX);
        for (int step = 0; step < 1000; step++) {
            quiet.committed(100_000 + random.nextInt(10_000_000));
            assertThat(quiet.nanos(1)).isZero();
        }
    }

    @Test
    void refusesANegativeCap() {
        assertThatThrownBy(() -> new GroupLinger(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
