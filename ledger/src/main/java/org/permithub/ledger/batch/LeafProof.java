package org.permithub.ledger.batch;

import java.util.List;
import java.util.Objects;
import org.permithub.ledger.merkle.InclusionProof;
import org.permithub.ledger.merkle.MerkleTree;

/**
 * What the hub stores next to one action once its batch is sealed: enough to prove, with the root
 * read back from the ledger, that this action hash was anchored.
 *
 * @param sequence the action's global sequence number
 * @param actionId the action's id
 * @param actionHash the leaf: lowercase hex SHA-256 of the action's canonical JSON
 * @param batchId the batch the action belongs to
 * @param leafIndex the action's position in the batch (0-based)
 * @param treeSize the number of leaves in the batch
 * @param path the RFC 9162 audit path, hex, leaf to root
 */
public record LeafProof(
        long sequence, String actionId, String actionHash, String batchId, long leafIndex, long treeSize,
        List<String> path) {

    public LeafProof {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(actionHash, "actionHash");
        Objects.requireNonNull(batchId, "batchId");
        path = List.copyOf(Objects.requireNonNull(path, "path"));
    }

    public InclusionProof inclusionProof() {
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /** Checks this proof against a root (hex), typically the one read back from the ledger. */
    public boolean verifies(String merkleRootHex) {
        return MerkleTree.verifyInclusion(actionHash, inclusionProof(), merkleRootHex);
    }
}
