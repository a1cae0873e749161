package io.consentinel.zones;

/**
 * How long a zone writer waits for more requests before it commits a group: zero at low load, longer under
 * load. A lone request must not pay for a wait nobody joins; but when requests keep arriving during every
 * commit, waiting a fraction of a commit lets more of them share one transaction (one chain-head lock, one
 * log append, one WAL flush), which costs less per event than committing the backlog in many small groups.
 *
 * <p>Load is what the writer sees without waiting: how many requests were already queued when it took the
 * first one of a group (an exponentially weighted average, so one burst does not set it). Below two, groups
 * are lone and the linger is zero. From two on, the linger is that backlog's share of the average commit
 * time, {@code commit × (1 - 1/backlog)}, capped at {@code maxNanos}: it grows with the load and never
 * exceeds what one commit costs. Pure and single-threaded (the writer's worker owns it); the writer passes in
 * the queue state and the measured commit time, so tests need no clock.
 */
final class GroupLinger {

    /** Weight of the newest observation in the averages. */
    static final double WEIGHT = 0.2;

    private final long maxNanos;
    private double backlog = 1;
    private double commitNanos;

    GroupLinger(long maxNanos) {
        if (maxNanos < 0) {
            throw new IllegalArgumentException("maxNanos must not be negative");
        }
        this.maxNanos = maxNanos;
    }

    /**
     * The linger for the group being gathered, given how many requests were queued when the writer took its
     * first one (that one included).
     */
    long nanos(int queuedAtTake) {
        backlog += WEIGHT * (Math.max(1, queuedAtTake) - backlog);
        if (backlog < 2) {
            return 0;
        }
        return Math.min(maxNanos, Math.round(commitNanos * (1 - 1 / backlog)));
    }

    /** After a commit, how long it took. */
    void committed(long nanos) {
        commitNanos = commitNanos == 0 ? nanos : commitNanos + WEIGHT * (nanos - commitNanos);
    }
}
