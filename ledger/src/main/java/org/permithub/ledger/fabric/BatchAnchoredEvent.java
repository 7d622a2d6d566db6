package org.permithub.ledger.fabric;

import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;

/** One BatchAnchored chaincode event: the batch as written, and where it was written. */
public record BatchAnchoredEvent(BatchAnchor batch, AnchorReceipt receipt) {}
