package org.permithub.ledger.batch;

import java.util.List;
import java.util.Objects;
import org.permithub.ledger.BatchAnchor;

/**
 * A cut batch: the anchor to submit to the ledger and one proof per action, in leaf order.
 * Persist both (outbox) before anchoring, so a crash cannot re-cut the same actions differently.
 */
public record SealedBatch(BatchAnchor anchor, List<LeafProof> proofs) {

    public SealedBatch {
        Objects.requireNonNull(anchor, "anchor");
        proofs = List.copyOf(Objects.requireNonNull(proofs, "proofs"));
    }
}
