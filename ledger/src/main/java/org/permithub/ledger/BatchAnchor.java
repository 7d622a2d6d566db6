package org.permithub.ledger;

/**
 * What goes on the ledger for one batch: only hashes and ids, never personal data.
 *
 * @param batchId write-once id
 * @param merkleRoot lowercase hex SHA-256 Merkle root (RFC 9162 tree hash)
 * @param size number of leaves
 * @param firstSequence global sequence of the first action in the batch
 * @param lastSequence global sequence of the last action in the batch
 * @param previousBatchId the batch anchored before this one, null for the first
 */
public record BatchAnchor(
        String batchId, String merkleRoot, long size, long firstSequence, long lastSequence, String previousBatchId) {}
