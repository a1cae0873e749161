package io.consentinel.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verifier's tree against the literal RFC 9162 definitions, on every size up to 64 and every proof. */
class MerkleTreeTests {

    private static List<byte[]> leaves(int n, long seed) {
        Random random = new Random(seed);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] leaf = new byte[random.nextInt(30)];
            random.nextBytes(leaf);
            leaves.add(leaf);
        }
        return leaves;
    }

    private static byte[] root(List<byte[]> leaves) {
        MerkleTree.Root root = new MerkleTree.Root();
        leaves.forEach(leaf -> root.add(MerkleTree.leafHash(leaf)));
        return root.value();
    }

    @Test
    void rootsMatchTheReference() {
        List<byte[]> leaves = leaves(64, 1);
        for (int n = 0; n <= 64; n++) {
            assertThat(root(leaves.subList(0, n)))
                    .as("size %d", n)
                    .isEqualTo(ReferenceProofs.mth(leaves.subList(0, n)));
        }
    }

    @Test
    void referenceInclusionProofsVerifyAndWrongLeavesDoNot() {
        List<byte[]> leaves = leaves(64, 2);
        for (int n = 1; n <= 64; n++) {
            List<byte[]> d = leaves.subList(0, n);
            byte[] root = ReferenceProofs.mth(d);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = ReferenceProofs.path(m, d);
                assertThat(MerkleTree.inclusion(m, n, MerkleTree.leafHash(d.get(m)), proof, root))
                        .isTrue();
                assertThat(MerkleTree.inclusion(m, n, MerkleTree.leafHash(new byte[] {7, 7, 7}), proof, root))
                        .isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.inclusion((m + 1) % n, n, MerkleTree.leafHash(d.get(m)), proof, root))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void referenceConsistencyProofsVerifyAndForksDoNot() {
        List<byte[]> leaves = leaves(64, 3);
        List<byte[]> forked = new ArrayList<>(leaves);
        for (int n = 2; n <= 64; n++) {
            List<byte[]> d = leaves.subList(0, n);
            for (int m = 1; m < n; m++) {
                List<byte[]> proof = ReferenceProofs.proof(m, d);
                byte[] oldRoot = ReferenceProofs.mth(d.subList(0, m));
                assertThat(MerkleTree.consistency(m, n, proof, oldRoot, ReferenceProofs.mth(d)))
                        .as("%d to %d", m, n)
                        .isTrue();
                forked.set(m - 1, new byte[] {42});
                List<byte[]> other = forked.subList(0, n);
                assertThat(MerkleTree.consistency(
                                m, n, ReferenceProofs.proof(m, other), oldRoot, ReferenceProofs.mth(other)))
                        .as("fork at %d of %d", m, n)
                        .isFalse();
                forked.set(m - 1, leaves.get(m - 1));
            }
        }
    }

    @Test
    void theCertificateTransparencyTestTreeHasItsPublishedRoot() {
        HexFormat hex = HexFormat.of();
        List<byte[]> leaves = new ArrayList<>();
        for (String leaf : new String[] {
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
        }) {
            leaves.add(hex.parseHex(leaf));
        }
        assertThat(hex.formatHex(root(leaves)))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }
}
