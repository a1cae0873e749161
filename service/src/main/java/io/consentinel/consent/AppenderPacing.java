package io.consentinel.consent;

/**
 * When the consent log's appender may start its next run: at once after a quiet spell, else no sooner than
 * {@code intervalNanos} after its previous start. Each run pays for a transaction, the log head's lock and
 * six statements whether it places one record or a thousand; under a burst of appends, runs back to back
 * placed a dozen records each and took a fifth of the service's CPU (docs/BENCHMARKS.md). No answer waits
 * for a run (reads of the log append what is pending themselves), so the pause costs nobody time.
 * Single-threaded, as the appender is; the caller passes the time in, so tests need no clock.
 */
final class AppenderPacing {

    private final long intervalNanos;
    private long lastStart;
    private boolean started;

    AppenderPacing(long intervalNanos) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("intervalNanos must not be negative");
        }
        this.intervalNanos = intervalNanos;
    }

    /** How long to wait, from {@code now}, before the next run. */
    long waitNanos(long now) {
        return started ? Math.max(0, lastStart + intervalNanos - now) : 0;
    }

    /** A run starts at {@code now}. */
    void started(long now) {
        lastStart = now;
        started = true;
    }
}
