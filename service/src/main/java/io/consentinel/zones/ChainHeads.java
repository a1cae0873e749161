package io.consentinel.zones;

import org.springframework.stereotype.Component;

/**
 * How other features read or lock a store's {@code chain_head} row, the head of its decisions (the last
 * sequence, and the transparency log's size and right edge), never by SQL of their own. The writers lock
 * it for the length of a group commit ({@link ZoneLog.Head}), which orders sequences and the log across
 * every node writing to the store.
 */
@Component
public class ChainHeads {

    /** The sequence of the newest committed decision (0 when there is none). */
    public long lastSequence(ZoneStore store) {
        return store.jdbc()
                .sql("select last_sequence from chain_head where id = 1")
                .query(Long.class)
                .single();
    }

    /**
     * Takes the head's row lock in the caller's transaction, as the store's writers do: what the caller
     * then changes is ordered with their group commits.
     */
    public void lock(ZoneStore store) {
        store.jdbc()
                .sql("select last_sequence from chain_head where id = 1 for update")
                .query(Long.class)
                .single();
    }
}
