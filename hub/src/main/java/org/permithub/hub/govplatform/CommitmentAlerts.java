package org.permithub.hub.govplatform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.permithub.hub.events.PermitEvents;

/**
 * Alerts about the daily commitment as CloudEvents for {@code permit.alerts}, in the shape of the
 * permit alerts ({@code permit.alert.<code>}, data with {@code code} and {@code detail}); subject
 * {@code <enterprise>/<site>/<date>}. The id is derived from code, subject and version, so a
 * re-run of the reconciliation does not raise a second alert.
 */
final class CommitmentAlerts {

    static final String MISSING = "COMMITMENT_MISSING";
    static final String LATE = "COMMITMENT_LATE";
    static final String MISMATCH = "COMMITMENT_MISMATCH";
    /** The policy the commitment comes from (the daily risk judgement and public commitment). */
    static final String BASIS = "应急〔2018〕74号";

    private CommitmentAlerts() {}

    static String subject(String enterpriseCode, String siteId, LocalDate date) {
        return enterpriseCode + "/" + siteId + "/" + date;
    }

    static String toJson(PermitEvents events, String code, String enterpriseCode, String siteId, LocalDate date,
            long version, Instant at, ObjectNode data) {
        String subject = subject(enterpriseCode, siteId, date);
        data.put("code", code);
        data.put("clause", BASIS);
        data.put("enterpriseCode", enterpriseCode);
        data.put("siteId", siteId);
        data.put("commitDate", date.toString());
        data.put("occurredAt", at.toString());
        return events.toJson(eventId(code, enterpriseCode, siteId, date, version).toString(),
                URI.create("/permit-hub/enterprises/" + enterpriseCode + "/sites/" + siteId),
                "permit.alert." + code.toLowerCase(Locale.ROOT), subject, at, data);
    }

    static UUID eventId(String code, String enterpriseCode, String siteId, LocalDate date, long version) {
        return UUID.nameUUIDFromBytes((code + "/" + subject(enterpriseCode, siteId, date) + "/" + version)
                .getBytes(StandardCharsets.UTF_8));
    }
}
