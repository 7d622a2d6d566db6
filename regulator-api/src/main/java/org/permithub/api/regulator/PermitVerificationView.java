package org.permithub.api.regulator;

import java.util.List;
import org.permithub.ledger.evidence.EvidenceAction;
import org.permithub.ledger.evidence.EvidenceBundle;
import org.permithub.ledger.evidence.VerificationStatus;

/** The answer of {@code getPermitVerification}: each action's status and the proof behind it. */
public record PermitVerificationView(
        String permitNo, VerificationStatus status, String ledgerBackend, List<ActionCheck> actions) {

    /** One action's check; hashes are lowercase hex SHA-256. */
    public record ActionCheck(
            long version, String actionId, String type, VerificationStatus status, String recomputedHash,
            String anchoredHash, String batchId, Long sequence, Long leafIndex, Long treeSize, List<String> proof,
            String ledgerRoot, String transactionId, Long blockNumber) {}

    public static PermitVerificationView of(EvidenceBundle bundle) {
        List<ActionCheck> checks = bundle.actions().stream().map(action -> check(bundle, action)).toList();
        return new PermitVerificationView(bundle.permitNo(), overall(bundle.actions()), bundle.ledgerBackend(), checks);
    }

    private static ActionCheck check(EvidenceBundle bundle, EvidenceAction action) {
        var batch = action.batchId() == null ? null : bundle.batches().get(action.batchId());
        return new ActionCheck(action.version(), action.actionId(), action.type(), action.status(),
                action.recomputedHash(), action.anchoredHash(), action.batchId(), action.sequence(), action.leafIndex(),
                action.treeSize(), action.path(), action.ledgerRoot(),
                batch == null ? null : batch.transactionId(), batch == null ? null : batch.blockNumber());
    }

    /** The worst status of any action: MISSING or TAMPERED over PENDING over VERIFIED. */
    static VerificationStatus overall(List<EvidenceAction> actions) {
        if (actions.stream().anyMatch(a -> a.status() == VerificationStatus.TAMPERED)) {
            return VerificationStatus.TAMPERED;
        }
        if (actions.stream().anyMatch(a -> a.status() == VerificationStatus.MISSING)) {
            return VerificationStatus.MISSING;
        }
        if (actions.stream().anyMatch(a -> a.status() == VerificationStatus.PENDING)) {
            return VerificationStatus.PENDING;
        }
        return VerificationStatus.VERIFIED;
    }
}
