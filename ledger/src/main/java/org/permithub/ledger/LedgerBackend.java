package org.permithub.ledger;

import java.util.Optional;

/**
 * The one port through which the hub anchors Merkle roots of permit-action hashes. Two back-ends
 * implement it: {@code fabric} (Hyperledger Fabric through the Gateway client) and {@code embedded}
 * (the standalone default, kept in PostgreSQL with the same semantics).
 *
 * <p>Batches are write-once: anchoring a batch id that is already on the ledger with exactly the
 * same fields returns the existing receipt (so a retry after a lost answer is safe); with any
 * different field (root, size, sequences, previous batch) it fails with
 * {@link LedgerException.Code#BATCH_CONFLICT}. Batches are chained: {@code previousBatchId} must be
 * the latest batch and the sequences must follow on without a gap, or the ledger refuses the batch
 * ({@link LedgerException.Code#REJECTED}), so anchor them strictly in order.
 */
public interface LedgerBackend {

    /** Anchors one batch. Throws {@link LedgerException} with UNAVAILABLE when the ledger cannot be reached. */
    AnchorReceipt anchor(BatchAnchor batch);

    /** Reads a batch back from the ledger itself (never from the hub's own tables). */
    Optional<BatchAnchor> batch(String batchId);

    /** The newest anchored batch, if any. */
    Optional<BatchAnchor> latestBatch();

    /** Short name for logs and health: {@code fabric} or {@code embedded}. */
    String name();
}
