package org.permithub.ledger.merkle;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 §2.1.3 inclusion proof: the audit path of leaf {@code leafIndex} in a tree of
 * {@code treeSize} leaves, sibling hashes ordered from the leaf up to the root.
 *
 * <p>The record does not check its numbers: a proof read from storage or from an evidence bundle
 * may be anything, and {@link MerkleTree#verifyInclusion} is where it is judged.
 *
 * @param leafIndex zero-based index of the leaf
 * @param treeSize number of leaves in the tree the proof is for
 * @param pathHex the audit path as lowercase hex SHA-256 values
 */
public record InclusionProof(long leafIndex, long treeSize, List<String> pathHex) {

    public InclusionProof {
        pathHex = List.copyOf(Objects.requireNonNull(pathHex, "pathHex"));
    }
}
