package org.permithub.ledger;

import java.time.Instant;

/** Proof that a batch was written: the ledger's own transaction id and block number. */
public record AnchorReceipt(String batchId, String transactionId, long blockNumber, Instant anchoredAt) {}
