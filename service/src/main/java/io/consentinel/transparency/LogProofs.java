package io.consentinel.transparency;

import io.consentinel.transparency.tree.Node;
import io.consentinel.transparency.tree.Proofs;
import io.consentinel.web.ProblemException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Inclusion and consistency proofs from a log's stored subtrees: one read of O(log n) hashes each. */
@Component
public class LogProofs {

    /** RFC 9162 section 2.1.3 with the entry it proves; hashes in base64. */
    public record Inclusion(long leafIndex, long treeSize, ObjectNode entry, List<String> hashes) {}

    /** RFC 9162 section 2.1.4; hashes in base64. */
    public record Consistency(long from, long to, List<String> hashes) {}

    /** Callers check that the leaf is below {@code treeSize} and the size within the committed tree. */
    public Inclusion inclusion(TransparencyLog log, long leafIndex, long treeSize) {
        List<Proofs.Range> ranges = Proofs.inclusion(leafIndex, treeSize);
        List<String> hashes = hashes(log, ranges);
        ObjectNode entry = log.entries(leafIndex, leafIndex + 1).stream()
                .findFirst()
                // The log covers the leaf but its row is gone: deleted behind the service's back.
                .orElseThrow(() -> ProblemException.notFound("The entry's row"));
        return new Inclusion(leafIndex, treeSize, entry, hashes);
    }

    public Consistency consistency(TransparencyLog log, long from, long to) {
        return new Consistency(from, to, hashes(log, Proofs.consistency(from, to)));
    }

    private static List<String> hashes(TransparencyLog log, List<Proofs.Range> ranges) {
        Map<Node, byte[]> stored = log.nodes(Proofs.nodes(ranges));
        return Proofs.hashes(ranges, stored::get).stream()
                .map(Base64.getEncoder()::encodeToString)
                .toList();
    }
}
