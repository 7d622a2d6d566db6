package org.permithub.ledger.evidence;

import java.time.Instant;

/**
 * A batch as read back from the ledger, with the ledger's own receipt.
 *
 * @param merkleRoot hex RFC 9162 root as the ledger holds it
 */
public record AnchoredBatch(
        String batchId, String merkleRoot, long size, long firstSequence, long lastSequence, String previousBatchId,
        String transactionId, Long blockNumber, Instant anchoredAt) {}
