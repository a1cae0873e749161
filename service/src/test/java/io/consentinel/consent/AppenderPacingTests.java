package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The consent log's appender: at once when idle, at most once per interval under load. */
class AppenderPacingTests {

    private static final long INTERVAL = 10_000_000;

    @Test
    void theFirstRunAndARunAfterAQuietSpellStartAtOnce() {
        AppenderPacing pacing = new AppenderPacing(INTERVAL);

        assertThat(pacing.waitNanos(5)).isZero();
        pacing.started(5);
        assertThat(pacing.waitNanos(5 + INTERVAL)).isZero();
        assertThat(pacing.waitNanos(5 + 3 * INTERVAL)).isZero();
    }

    @Test
    void aRunRequestedSoonAfterTheLastStartWaitsOutTheRestOfTheInterval() {
        AppenderPacing pacing = new AppenderPacing(INTERVAL);
        pacing.started(1_000);

        assertThat(pacing.waitNanos(1_000)).isEqualTo(INTERVAL);
        assertThat(pacing.waitNanos(1_000 + 4_000_000)).isEqualTo(6_000_000);
    }

    @Test
    void underSteadyLoadRunsStartOneIntervalApart() {
        AppenderPacing pacing = new AppenderPacing(INTERVAL);
        long now = 0;
        long previous = -1;
        for (int run = 0; run < 50; run++) {
            now += pacing.waitNanos(now);
            pacing.started(now);
            if (previous >= 0) {
                assertThat(now - previous).isEqualTo(INTERVAL);
            }
            previous = now;
            now += 700_000; // the run itself, then an append asks again at once
        }
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new AppenderPacing(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
