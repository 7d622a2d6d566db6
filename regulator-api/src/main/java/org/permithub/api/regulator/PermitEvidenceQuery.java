package org.permithub.api.regulator;

import java.util.Optional;
import org.permithub.ledger.evidence.EvidenceBundle;

/** Builds a permit's evidence: its actions as stored now, their proofs, and the roots the ledger holds. */
public interface PermitEvidenceQuery {

    /** Empty when the permit does not exist; a {@code LedgerException} when the ledger cannot be read. */
    Optional<EvidenceBundle> evidence(String permitNo);
}
