package org.permithub.ledger.evidence;

/** What verification says of one action. */
public enum VerificationStatus {
    /** The row hashes to the anchored hash, and the proof leads to the root read from the ledger. */
    VERIFIED,
    /** Not anchored yet (its batch is not on the ledger yet). */
    PENDING,
    /** The row, its anchored hash or its proof no longer agrees with the ledger. */
    TAMPERED,
    /** An action the permit's history or an anchored batch says exists is gone. */
    MISSING
}
