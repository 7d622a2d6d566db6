package org.permithub.connectors.mes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One isolation point's state as MES reports it.
 *
 * @param version MES's revision of the point; a report not newer than the stored one is ignored
 * @param evidence who locked (lock number), who verified and how, photo references: kept as reported
 */
public record IsolationPointReport(String permitNo, String pointId, IsolationStatus status, long version,
                                   Instant reportedAt, ObjectNode evidence) {

    /** What each state must be proven with (GB 30871-2022 §4.2b: isolation confirmed by a person). */
    public String missingEvidence() {
        return switch (status) {
            case PENDING -> null;
            case LOCKED -> has("lockedBy") && has("lockNo") ? null : "a LOCKED point needs lockedBy and lockNo";
            case VERIFIED -> has("verifiedBy") ? null : "a VERIFIED point needs verifiedBy";
            case REMOVED -> has("removedBy") ? null : "a REMOVED point needs removedBy";
        };
    }

    private boolean has(String field) {
        return evidence != null && evidence.hasNonNull(field) && !evidence.get(field).asText().isBlank();
    }
}
