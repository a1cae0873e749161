package io.consentinel.transparency.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree core against RFC 9162's definitions transcribed in {@link ReferenceTree}, on every size up to 70 and random larger ones. */
class TreeTests {

    private static final int EXHAUSTIVE = 70;

    /** A tree built by appending, keeping every closed subtree as a store does. */
    private record Built(List<byte[]> leaves, Frontier frontier, Map<Node, byte[]> stored, List<byte[]> roots) {}

    private static Built build(int size, long seed) {
        Random random = new Random(seed);
        List<byte[]> leaves = new ArrayList<>();
        Frontier frontier = Frontier.empty();
        Map<Node, byte[]> stored = new HashMap<>();
        List<byte[]> roots = new ArrayList<>();
        roots.add(frontier.root());
        for (int i = 0; i < size; i++) {
            byte[] leaf = new byte[random.nextInt(40)];
            random.nextBytes(leaf);
            leaves.add(leaf);
            frontier.append(TreeHashes.leaf(leaf)).forEach(s -> stored.put(s.node(), s.hash()));
            roots.add(frontier.root());
        }
        return new Built(leaves, frontier, stored, roots);
    }

    @Test
    void rootsAfterEveryAppendMatchTheRfcDefinition() {
        Built tree = build(EXHAUSTIVE, 1);
        for (int n = 0; n <= EXHAUSTIVE; n++) {
            byte[] expected = ReferenceTree.mth(tree.leaves().subList(0, n));
            assertThat(tree.roots().get(n)).as("root of %d", n).isEqualTo(expected);
            assertThat(Proofs.root(n, tree.stored()::get))
                    .as("root of %d from stored nodes", n)
                    .isEqualTo(expected);
        }
    }

    @Test
    void appendingStoresAboutTwoSubtreesPerLeaf() {
        Built tree = build(1024, 2);
        assertThat(tree.stored()).hasSize(2047);
    }

    @Test
    void inclusionProofsMatchTheRfcDefinitionAndVerify() {
        Built tree = build(EXHAUSTIVE, 3);
        for (int n = 1; n <= EXHAUSTIVE; n++) {
            List<byte[]> leaves = tree.leaves().subList(0, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Proofs.hashes(Proofs.inclusion(m, n), tree.stored()::get);
                assertThat(proof).as("path of %d in %d", m, n).containsExactlyElementsOf(ReferenceTree.path(m, leaves));
                byte[] leafHash = TreeHashes.leaf(leaves.get(m));
                assertThat(ProofCheck.inclusion(
                                m, n, leafHash, proof, tree.roots().get(n)))
                        .isTrue();
                assertThat(ProofCheck.inclusion(
                                m,
                                n,
                                TreeHashes.leaf(new byte[] {9, 9}),
                                proof,
                                tree.roots().get(n)))
                        .isFalse();
            }
        }
    }

    @Test
    void consistencyProofsMatchTheRfcDefinitionAndVerify() {
        Built tree = build(EXHAUSTIVE, 4);
        for (int n = 1; n <= EXHAUSTIVE; n++) {
            List<byte[]> leaves = tree.leaves().subList(0, n);
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = Proofs.hashes(Proofs.consistency(m, n), tree.stored()::get);
                List<byte[]> expected = m == n ? List.of() : ReferenceTree.proof(m, leaves);
                assertThat(proof).as("proof %d to %d", m, n).containsExactlyElementsOf(expected);
                assertThat(ProofCheck.consistency(
                                m, n, proof, tree.roots().get(m), tree.roots().get(n)))
                        .isTrue();
            }
        }
    }

    @Test
    void aConsistencyProofFailsForAForkedTree() {
        Built honest = build(40, 5);
        Built forked = build(40, 6);
        for (int m = 1; m < 40; m++) {
            List<byte[]> proof = Proofs.hashes(Proofs.consistency(m, 40), forked.stored()::get);
            assertThat(ProofCheck.consistency(
                            m, 40, proof, honest.roots().get(m), forked.roots().get(40)))
                    .as("fork at %d", m)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1023, 1024, 1025, 4097})
    void largerTreesAgreeWithTheReferenceOnSampledProofs(int size) {
        Built tree = build(size, size);
        Random random = new Random(size);
        for (int sample = 0; sample < 20; sample++) {
            int n = 1 + random.nextInt(size);
            int m = 1 + random.nextInt(n);
            List<byte[]> leaves = tree.leaves().subList(0, n);
            assertThat(Proofs.hashes(Proofs.inclusion(m - 1, n), tree.stored()::get))
                    .containsExactlyElementsOf(ReferenceTree.path(m - 1, leaves));
            List<byte[]> proof = Proofs.hashes(Proofs.consistency(m, n), tree.stored()::get);
            assertThat(ProofCheck.consistency(
                            m, n, proof, tree.roots().get(m), tree.roots().get(n)))
                    .isTrue();
        }
    }

    @Test
    void proofsTouchOnlyLogarithmicallyManyStoredSubtrees() {
        assertThat(Proofs.nodes(Proofs.inclusion(12_345, 1_000_001))).hasSizeLessThanOrEqualTo(2 * 20);
        assertThat(Proofs.nodes(Proofs.consistency(777_777, 1_000_001))).hasSizeLessThanOrEqualTo(2 * 20);
    }

    @Test
    void theFrontierSurvivesItsStoredForm() {
        Built tree = build(37, 7);
        Frontier reread = Frontier.of(37, tree.frontier().packed());
        assertThat(reread.root()).isEqualTo(tree.frontier().root());
        reread.append(TreeHashes.leaf(new byte[] {1}));
        assertThat(Frontier.nodes(38)).containsExactly(new Node(5, 0), new Node(2, 8), new Node(1, 18));
    }

    /** Certificate Transparency's published test tree (RFC 6962's eight leaves, as used by its reference implementations). */
    @Test
    void theCertificateTransparencyTestVectorsHold() {
        HexFormat hex = HexFormat.of();
        String[] leaves = {
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
        };
        Frontier frontier = Frontier.empty();
        for (String leaf : leaves) {
            frontier.append(TreeHashes.leaf(hex.parseHex(leaf)));
        }
        assertThat(hex.formatHex(frontier.root()))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        assertThat(hex.formatHex(TreeHashes.empty()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat("".getBytes(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void proofsOutsideTheTreeAreRefused() {
        assertThatThrownBy(() -> Proofs.inclusion(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.consistency(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Proofs.consistency(0, 5)).isEmpty();
    }
}
