package org.permithub.ledger.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an auditor needs to check one permit's history without the hub: each action's
 * canonical document, its anchored hash and inclusion proof, and the roots of the batches as the
 * ledger holds them (with the ledger's transaction ids). {@link PermitVerifier} checks it.
 *
 * @param format {@value #FORMAT}
 * @param ledgerBackend {@code fabric} or {@code embedded}
 * @param batches by batch id
 */
public record EvidenceBundle(
        String format,
        String permitNo,
        Instant generatedAt,
        String ledgerBackend,
        long permitVersion,
        Map<String, AnchoredBatch> batches,
        List<EvidenceAction> actions) {

    public static final String FORMAT = "permit-hub-evidence/1";
}
