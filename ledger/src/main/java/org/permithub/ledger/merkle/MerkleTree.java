package org.permithub.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.permithub.ledger.hash.Hex;

/**
 * A Merkle tree exactly as RFC 9162 §2.1.1 defines it, with SHA-256:
 *
 * <pre>
 *   MTH({})       = SHA-256()
 *   MTH({d(0)})   = SHA-256(0x00 || d(0))
 *   MTH(D[n])     = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))   k = largest power of two &lt; n
 * </pre>
 *
 * <p>The tree is built bottom-up, level by level, pairing nodes left to right and lifting an
 * unpaired last node unchanged to the next level. That gives the same tree as the recursive split
 * (the left subtree of every node is always a perfect tree of size k), but costs O(n) hashes, and
 * because every level is kept, each audit path is read off in O(log n): all n proofs of a batch
 * cost O(n log n).
 *
 * <p>Leaves are arbitrary byte strings; in permit-hub they are the 32 raw bytes of an action hash
 * (not its hex text). Instances are immutable and safe to share.
 */
public final class MerkleTree {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final int HASH_LEN = 32;

    /** levels[0] holds the leaf hashes, the last level holds the root alone. Empty for n = 0. */
    private final byte[][][] levels;
    private final byte[] root;

    private MerkleTree(byte[][][] levels, byte[] root) {
        this.levels = levels;
        this.root = root;
    }

    /** Builds the tree over {@code leaves} (each leaf's raw bytes, in order). */
    public static MerkleTree build(List<byte[]> leaves) {
        Objects.requireNonNull(leaves, "leaves");
        MessageDigest sha = sha256();
        int n = leaves.size();
        if (n == 0) {
            return new MerkleTree(new byte[0][][], sha.digest());
        }
        List<byte[][]> lv = new ArrayList<>(33);
        byte[][] level = new byte[n][];
        for (int i = 0; i < n; i++) {
            level[i] = leafHash(sha, Objects.requireNonNull(leaves.get(i), "leaf " + i));
        }
        lv.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i + 1 < level.length; i += 2) {
                up[i / 2] = nodeHash(sha, level[i], level[i + 1]);
            }
            if ((level.length & 1) == 1) {
                // the unpaired right-most node is the root of a smaller right subtree: lift it as is
                up[up.length - 1] = level[level.length - 1];
            }
            lv.add(up);
            level = up;
        }
        return new MerkleTree(lv.toArray(new byte[0][][]), level[0]);
    }

    /** Builds the tree over leaves given as hex strings (for us: action hashes in hex). */
    public static MerkleTree buildFromHex(List<String> leavesHex) {
        List<byte[]> raw = new ArrayList<>(leavesHex.size());
        for (String h : leavesHex) {
            raw.add(Hex.decode(h));
        }
        return build(raw);
    }

    /** The tree head MTH of {@code leaves}; shorthand for {@code build(leaves).root()}. */
    public static byte[] rootOf(List<byte[]> leaves) {
        return build(leaves).root();
    }

    public int size() {
        return levels.length == 0 ? 0 : levels[0].length;
    }

    /** The root hash (a copy). */
    public byte[] root() {
        return root.clone();
    }

    public String rootHex() {
        return Hex.encode(root);
    }

    /** The leaf hash SHA-256(0x00 || leaf) stored at {@code index} (a copy). */
    public byte[] leafHashAt(int index) {
        Objects.checkIndex(index, size());
        return levels[0][index].clone();
    }

    /**
     * The audit path PATH(m, D[n]) of RFC 9162 §2.1.3.1 for leaf {@code index}: at each level the
     * sibling of the node on the leaf's way up, skipped where the node is an unpaired last node
     * (which the recursive definition lifts without hashing).
     */
    public InclusionProof inclusionProof(int index) {
        int n = size();
        Objects.checkIndex(index, n);
        List<String> path = new ArrayList<>(levels.length);
        int idx = index;
        for (int l = 0; l < levels.length - 1; l++) {
            int sibling = idx ^ 1;
            if (sibling < levels[l].length) {
                path.add(Hex.encode(levels[l][sibling]));
            }
            idx >>>= 1;
        }
        return new InclusionProof(index, n, path);
    }

    /**
     * Inclusion proofs of every leaf, in leaf order. Each node's hex is computed once and shared by
     * the proofs that cite it: O(n) hex encodings instead of O(n log n).
     */
    public List<InclusionProof> inclusionProofs() {
        int n = size();
        List<InclusionProof> all = new ArrayList<>(n);
        if (n == 0) {
            return all;
        }
        String[][] hex = new String[levels.length][];
        for (int l = 0; l < levels.length; l++) {
            hex[l] = new String[levels[l].length];
            for (int i = 0; i < levels[l].length; i++) {
                hex[l][i] = Hex.encode(levels[l][i]);
            }
        }
        String[] path = new String[levels.length];
        for (int index = 0; index < n; index++) {
            int len = 0;
            int idx = index;
            for (int l = 0; l < levels.length - 1; l++) {
                int sibling = idx ^ 1;
                if (sibling < levels[l].length) {
                    path[len++] = hex[l][sibling];
                }
                idx >>>= 1;
            }
            all.add(new InclusionProof(index, n, List.of(Arrays.copyOf(path, len))));
        }
        return all;
    }

    /** SHA-256(0x00 || leaf). */
    public static byte[] leafHash(byte[] leaf) {
        return leafHash(sha256(), leaf);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(sha256(), left, right);
    }

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /**
     * Checks that {@code leaf} (raw leaf bytes, hashed here with the 0x00 prefix) is at
     * {@code proof.leafIndex()} in the tree of {@code proof.treeSize()} leaves whose head is
     * {@code root}. Never throws for a malformed proof: it is simply not a proof.
     */
    public static boolean verifyInclusion(byte[] leaf, InclusionProof proof, byte[] root) {
        if (leaf == null) {
            return false;
        }
        return verifyLeafHash(leafHash(leaf), proof, root);
    }

    /** As {@link #verifyInclusion(byte[], InclusionProof, byte[])} with hex leaf and root. */
    public static boolean verifyInclusion(String leafHex, InclusionProof proof, String rootHex) {
        byte[] leaf = parseHexOrNull(leafHex);
        byte[] root = parseHexOrNull(rootHex);
        return leaf != null && root != null && verifyInclusion(leaf, proof, root);
    }

    /**
     * RFC 9162 §2.1.3.2, step by step, starting from an already prefixed leaf hash.
     */
    public static boolean verifyLeafHash(byte[] leafHash, InclusionProof proof, byte[] root) {
        if (leafHash == null || proof == null || root == null
                || leafHash.length != HASH_LEN || root.length != HASH_LEN) {
            return false;
        }
        long index = proof.leafIndex();
        long size = proof.treeSize();
        // 1. leaf_index must lie inside the tree (and a negative one is nonsense)
        if (index < 0 || size <= 0 || index >= size) {
            return false;
        }
        // 2.-3.
        long fn = index;
        long sn = size - 1;
        MessageDigest sha = sha256();
        byte[] r = leafHash;
        // 4.
        for (String pHex : proof.pathHex()) {
            byte[] p = parseHexOrNull(pHex);
            if (p == null || p.length != HASH_LEN) {
                return false;
            }
            // 4a. a path longer than the tree is deep cannot be right
            if (sn == 0) {
                return false;
            }
            // 4b.
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(sha, p, r);
                if ((fn & 1) == 0) {
                    // fn is a right-most node without sibling on the next levels: climb past them
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = nodeHash(sha, r, p);
            }
            // 4c.
            fn >>>= 1;
            sn >>>= 1;
        }
        // 5.
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    private static byte[] leafHash(MessageDigest sha, byte[] leaf) {
        sha.update(LEAF_PREFIX);
        sha.update(leaf);
        return sha.digest();
    }

    private static byte[] nodeHash(MessageDigest sha, byte[] left, byte[] right) {
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    private static byte[] parseHexOrNull(String hex) {
        if (hex == null) {
            return null;
        }
        try {
            return Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "MerkleTree[size=" + size() + ", root=" + rootHex() + "]";
    }
}
