package org.permithub.api.regulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.permithub.ledger.evidence.EvidenceAction;
import org.permithub.ledger.evidence.EvidenceBundle;
import org.permithub.ledger.evidence.VerificationStatus;

/**
 * The answer of {@code getPermitActions}: each action as stored, with the status the ledger
 * verification ({@code PermitVerifier}, through the evidence bundle) gives it.
 */
public record ActionTrail(String permitNo, VerificationStatus status, List<Entry> actions) {

    public record Entry(long version, String actionId, String type, String actor, Instant occurredAt, JsonNode data,
            VerificationStatus status, String batchId) {}

    public static ActionTrail of(EvidenceBundle bundle, List<ActionFact> stored) {
        Map<Long, ActionFact> byVersion = new HashMap<>();
        stored.forEach(a -> byVersion.put(a.version(), a));
        List<Entry> entries = bundle.actions().stream()
                .sorted(java.util.Comparator.comparingLong(EvidenceAction::version))
                .map(checked -> {
                    ActionFact row = byVersion.get(checked.version());
                    return new Entry(checked.version(), checked.actionId(), checked.type(),
                            row == null ? null : row.actor(), row == null ? null : row.occurredAt(),
                            row == null ? null : row.data(), checked.status(), checked.batchId());
                }).toList();
        return new ActionTrail(bundle.permitNo(), PermitVerificationView.of(bundle).status(), entries);
    }
}
