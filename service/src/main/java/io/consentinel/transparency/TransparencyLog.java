package io.consentinel.transparency;

import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.ObjLongConsumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * One append-only log, as the feature that owns its store exposes it: the committed head, the stored
 * subtrees proofs need, the entries, and the checkpoints signed for it. Reads see only committed entries.
 */
public interface TransparencyLog {

    /** {@code control}, a zone's name, or {@code consent}. */
    String name();

    /** The committed tree: its size and right edge. */
    Frontier head();

    /** The stored hashes of these complete subtrees; a missing one is absent from the map. */
    Map<Node, byte[]> nodes(Collection<Node> nodes);

    /** The entry objects of leaves {@code [start, end)}, in order. */
    List<ObjectNode> entries(long start, long end);

    /** Streams the entry of every leaf below {@code end}, in order, with its index: for a full check. */
    void forEachEntry(long end, ObjLongConsumer<ObjectNode> entry);

    /** True for the consent log, whose entries are named by record id rather than by sequence. */
    default boolean keyedByRecord() {
        return false;
    }

    /** The leaf of a consent record; empty for decision logs or an unknown record. */
    default OptionalLong leafOfRecord(UUID recordId) {
        return OptionalLong.empty();
    }

    Optional<Checkpoint> latestCheckpoint();

    /** Keeps a newly signed checkpoint; false when one of that size was kept meanwhile (by another node). */
    boolean keep(Checkpoint checkpoint);
}
