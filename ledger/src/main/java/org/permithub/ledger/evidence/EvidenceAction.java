package org.permithub.ledger.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One action in an evidence bundle or a verification answer.
 *
 * @param document the canonical action document as the database holds it now; null when the row is gone
 * @param recomputedHash SHA-256 of {@code document} in RFC 8785 form; null when the row is gone
 * @param anchoredHash the hash that went into the Merkle batch; null when not batched yet
 * @param path RFC 9162 audit path (hex), leaf to root
 * @param ledgerRoot the root read back from the ledger (not from the hub's tables)
 */
public record EvidenceAction(
        long version,
        String actionId,
        String type,
        JsonNode document,
        String recomputedHash,
        String anchoredHash,
        String batchId,
        Long sequence,
        Long leafIndex,
        Long treeSize,
        List<String> path,
        String ledgerRoot,
        VerificationStatus status) {

    public EvidenceAction withStatus(VerificationStatus newStatus) {
        return new EvidenceAction(version, actionId, type, document, recomputedHash, anchoredHash, batchId, sequence,
                leafIndex, treeSize, path, ledgerRoot, newStatus);
    }

    public EvidenceAction withLedgerRoot(String root) {
        return new EvidenceAction(version, actionId, type, document, recomputedHash, anchoredHash, batchId, sequence,
                leafIndex, treeSize, path, root, status);
    }
}
