package org.permithub.ledger.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.permithub.ledger.hash.ActionHash;
import org.permithub.ledger.merkle.InclusionProof;
import org.permithub.ledger.merkle.MerkleTree;

/**
 * Decides the status of each action of one permit, from what the database holds now and the
 * roots the ledger holds. Used by the hub's verification API and by the offline verifier, so both
 * judge alike.
 */
public final class PermitVerifier {

    private PermitVerifier() {}

    /**
     * @param permitVersion how many actions the permit says it has (versions 1..n must all exist)
     * @param actions what is known of each action; a row that is gone has a null document
     * @param ledgerBatches batch id → the batch as the ledger holds it, or null when the ledger has no such
     *     batch; its root and its size (the tree size a proof is checked at) come from there, never from the
     *     proof itself, since a path also verifies when relabelled to another tree size
     * @return one entry per version 1..max, in order, each with its status and ledger root
     */
    public static List<EvidenceAction> verify(long permitVersion, List<EvidenceAction> actions,
            Function<String, AnchoredBatch> ledgerBatches) {
        Map<Long, EvidenceAction> byVersion = new TreeMap<>();
        actions.forEach(action -> byVersion.put(action.version(), action));
        long last = Math.max(permitVersion, byVersion.keySet().stream().max(Comparator.naturalOrder()).orElse(0L));
        List<EvidenceAction> result = new ArrayList<>();
        for (long version = 1; version <= last; version++) {
            EvidenceAction action = byVersion.get(version);
            if (action == null) {
                result.add(new EvidenceAction(version, null, null, null, null, null, null, null, null, null, List.of(),
                        null, VerificationStatus.MISSING));
                continue;
            }
            AnchoredBatch batch = action.batchId() == null ? null : ledgerBatches.apply(action.batchId());
            String root = batch == null ? null : batch.merkleRoot();
            result.add(action.withLedgerRoot(root).withStatus(statusOf(action, batch)));
        }
        return result;
    }

    private static VerificationStatus statusOf(EvidenceAction action, AnchoredBatch batch) {
        if (action.document() == null) {
            return VerificationStatus.MISSING;
        }
        String recomputed = ActionHash.ofJson(action.document().toString());
        if (action.recomputedHash() != null && !recomputed.equals(action.recomputedHash())) {
            // the bundle's own claim about the document is false
            return VerificationStatus.TAMPERED;
        }
        if (action.anchoredHash() == null || batch == null) {
            return VerificationStatus.PENDING;
        }
        if (!recomputed.equals(action.anchoredHash()) || action.leafIndex() == null) {
            return VerificationStatus.TAMPERED;
        }
        var proof = new InclusionProof(action.leafIndex(), batch.size(), Objects.requireNonNullElse(action.path(), List.of()));
        return MerkleTree.verifyInclusion(action.anchoredHash(), proof, batch.merkleRoot())
                ? VerificationStatus.VERIFIED : VerificationStatus.TAMPERED;
    }

    /** True when every action is VERIFIED. */
    public static boolean allVerified(List<EvidenceAction> verified) {
        return !verified.isEmpty() && verified.stream().allMatch(a -> a.status() == VerificationStatus.VERIFIED);
    }
}
