package org.permithub.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_SIZE = 70;

    // ---- an independent, deliberately naive transcription of RFC 9162 §2.1.1 and §2.1.3.1 ----

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Largest power of two strictly smaller than n (n > 1). */
    private static int split(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    private static byte[] refMth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return sha256(new byte[] {0x00}, d.get(0));
        }
        int k = split(n);
        return sha256(new byte[] {0x01}, refMth(d.subList(0, k)), refMth(d.subList(k, n)));
    }

    private static List<String> refPath(int m, List<byte[]> d) {
        int n = d.size();
        List<String> path = new ArrayList<>();
        if (n <= 1) {
            return path;
        }
        int k = split(n);
        if (m < k) {
            path.addAll(refPath(m, d.subList(0, k)));
            path.add(HEX.formatHex(refMth(d.subList(k, n))));
        } else {
            path.addAll(refPath(m - k, d.subList(k, n)));
            path.add(HEX.formatHex(refMth(d.subList(0, k))));
        }
        return path;
    }

    /** 32-byte leaves like ours (action hashes), all distinct. */
    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(sha256(("action-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    // ---- tests ----

    @Test
    void emptyTreeIsHashOfEmptyString() {
        MerkleTree t = MerkleTree.build(List.of());
        assertThat(t.size()).isZero();
        assertThat(t.rootHex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(MerkleTree.emptyRoot()).isEqualTo(t.root());
        assertThatThrownBy(() -> t.inclusionProof(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The leaf set and tree heads used by Certificate Transparency (RFC 6962) implementations. */
    @Test
    void matchesCertificateTransparencyReferenceRoots() {
        List<byte[]> d = List.of(
                HEX.parseHex(""),
                HEX.parseHex("00"),
                HEX.parseHex("10"),
                HEX.parseHex("2021"),
                HEX.parseHex("3031"),
                HEX.parseHex("40414243"),
                HEX.parseHex("5051525354555657"),
                HEX.parseHex("606162636465666768696a6b6c6d6e6f"));
        String[] roots = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        };
        for (int n = 1; n <= d.size(); n++) {
            MerkleTree t = MerkleTree.build(d.subList(0, n));
            assertThat(t.rootHex()).as("size %d", n).isEqualTo(roots[n - 1]);
            for (int i = 0; i < n; i++) {
                assertThat(MerkleTree.verifyInclusion(d.get(i), t.inclusionProof(i), t.root()))
                        .as("size %d index %d", n, i)
                        .isTrue();
            }
        }
    }

    @Test
    void leafAndNodeHashesCarryDomainPrefixes() {
        byte[] a = HEX.parseHex("aa");
        byte[] b = HEX.parseHex("bb");
        assertThat(MerkleTree.leafHash(a)).isEqualTo(sha256(new byte[] {0}, a));
        assertThat(MerkleTree.nodeHash(a, b)).isEqualTo(sha256(new byte[] {1}, a, b));
        // a one-leaf tree's root is the leaf hash, never the bare leaf
        assertThat(MerkleTree.rootOf(List.of(a))).isEqualTo(MerkleTree.leafHash(a));
    }

    @Test
    void rootsAndAuditPathsMatchRecursiveDefinitionForAllSizesUpTo70() {
        List<byte[]> all = leaves(MAX_SIZE);
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> d = all.subList(0, n);
            MerkleTree t = MerkleTree.build(d);
            byte[] root = refMth(d);
            assertThat(t.root()).as("root of size %d", n).isEqualTo(root);
            assertThat(t.size()).isEqualTo(n);
            List<InclusionProof> proofs = t.inclusionProofs();
            assertThat(proofs).hasSize(n);
            for (int i = 0; i < n; i++) {
                InclusionProof p = proofs.get(i);
                assertThat(p.leafIndex()).isEqualTo(i);
                assertThat(p.treeSize()).isEqualTo(n);
                assertThat(p.pathHex()).as("path n=%d i=%d", n, i).isEqualTo(refPath(i, d));
                assertThat(t.inclusionProof(i)).isEqualTo(p);
                assertThat(t.leafHashAt(i)).isEqualTo(sha256(new byte[] {0}, d.get(i)));
                assertThat(MerkleTree.verifyInclusion(d.get(i), p, root)).as("verify n=%d i=%d", n, i).isTrue();
            }
        }
    }

    @Test
    void tamperedLeafPathOrIndexIsRejectedForAllSizesUpTo70() {
        List<byte[]> all = leaves(MAX_SIZE + 1);
        byte[] outsider = all.get(MAX_SIZE);
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> d = all.subList(0, n);
            MerkleTree t = MerkleTree.build(d);
            byte[] root = t.root();
            for (int i = 0; i < n; i++) {
                InclusionProof p = t.inclusionProof(i);
                byte[] leaf = d.get(i);

                // another leaf, or this leaf with one bit flipped
                assertThat(MerkleTree.verifyInclusion(outsider, p, root)).isFalse();
                byte[] flipped = leaf.clone();
                flipped[i % flipped.length] ^= 0x01;
                assertThat(MerkleTree.verifyInclusion(flipped, p, root)).isFalse();
                // the leaf hash itself passed as if it were the leaf (second-preimage style)
                assertThat(MerkleTree.verifyInclusion(t.leafHashAt(i), p, root)).isFalse();

                // every other index of the same tree
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        InclusionProof moved = new InclusionProof(j, n, p.pathHex());
                        assertThat(MerkleTree.verifyInclusion(leaf, moved, root))
                                .as("n=%d leaf %d claimed at %d", n, i, j)
                                .isFalse();
                    }
                }

                // each path element with one bit flipped; path shortened; path lengthened
                for (int k = 0; k < p.pathHex().size(); k++) {
                    List<String> path = new ArrayList<>(p.pathHex());
                    byte[] h = HEX.parseHex(path.get(k));
                    h[31] ^= 0x80;
                    path.set(k, HEX.formatHex(h));
                    assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(i, n, path), root))
                            .isFalse();
                }
                if (!p.pathHex().isEmpty()) {
                    List<String> shorter = p.pathHex().subList(0, p.pathHex().size() - 1);
                    assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(i, n, shorter), root))
                            .isFalse();
                }
                List<String> longer = new ArrayList<>(p.pathHex());
                longer.add(HEX.formatHex(root));
                assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(i, n, longer), root))
                        .isFalse();

                // a different root
                byte[] otherRoot = root.clone();
                otherRoot[0] ^= 0x01;
                assertThat(MerkleTree.verifyInclusion(leaf, p, otherRoot)).isFalse();
            }
        }
    }

    /**
     * RFC 9162 verification authenticates the tree size only through the root: callers must take
     * the size from the anchored batch, never from the stored proof. This pins down the behaviour.
     */
    @Test
    void treeSizeIsBoundOnlyThroughTheRoot() {
        List<byte[]> d = leaves(4);
        MerkleTree t = MerkleTree.build(d);
        InclusionProof p = t.inclusionProof(0);
        assertThat(MerkleTree.verifyInclusion(d.get(0), new InclusionProof(0, 3, p.pathHex()), t.root())).isTrue();
        // against the root of the real 3-leaf tree it fails, as it must
        assertThat(MerkleTree.verifyInclusion(d.get(0), new InclusionProof(0, 3, p.pathHex()),
                MerkleTree.rootOf(d.subList(0, 3)))).isFalse();
    }

    @Test
    void malformedProofsAreRejectedWithoutThrowing() {
        List<byte[]> d = leaves(5);
        MerkleTree t = MerkleTree.build(d);
        InclusionProof p = t.inclusionProof(2);
        byte[] leaf = d.get(2);
        byte[] root = t.root();

        assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(5, 5, p.pathHex()), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(-1, 5, p.pathHex()), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(2, 0, p.pathHex()), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(2, 2, p.pathHex()), root)).isFalse();
        List<String> badHex = new ArrayList<>(p.pathHex());
        badHex.set(0, "zz");
        assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(2, 5, badHex), root)).isFalse();
        List<String> shortHash = new ArrayList<>(p.pathHex());
        shortHash.set(0, shortHash.get(0).substring(2));
        assertThat(MerkleTree.verifyInclusion(leaf, new InclusionProof(2, 5, shortHash), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, p, new byte[31])).isFalse();
        assertThat(MerkleTree.verifyInclusion((byte[]) null, p, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, null, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(HEX.formatHex(leaf), p, "not-hex")).isFalse();
        assertThat(MerkleTree.verifyInclusion(HEX.formatHex(leaf), p, t.rootHex())).isTrue();
    }

    @Test
    void leafOrderMatters() {
        List<byte[]> d = leaves(4);
        List<byte[]> swapped = new ArrayList<>(d);
        swapped.set(0, d.get(1));
        swapped.set(1, d.get(0));
        assertThat(MerkleTree.rootOf(swapped)).isNotEqualTo(MerkleTree.rootOf(d));
    }

    @Test
    void buildFromHexEqualsBuildFromBytes() {
        List<byte[]> d = leaves(9);
        List<String> hex = d.stream().map(HEX::formatHex).toList();
        assertThat(MerkleTree.buildFromHex(hex).rootHex()).isEqualTo(MerkleTree.build(d).rootHex());
    }

    @Test
    void proofPathLengthIsLogarithmic() {
        // 2^k leaves: exactly k siblings; one more leaf: the new leaf's path is the single left root
        MerkleTree t = MerkleTree.build(leaves(1024));
        assertThat(t.inclusionProof(517).pathHex()).hasSize(10);
        MerkleTree t2 = MerkleTree.build(leaves(1025));
        assertThat(t2.inclusionProof(1024).pathHex()).containsExactly(t.rootHex());
        assertThat(t2.inclusionProof(3).pathHex()).hasSize(11);
    }
}
