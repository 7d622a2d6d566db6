package org.permithub.api.regulator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import org.permithub.core.permit.Location;

/**
 * The live status of one permit as a supervisor sees it (operation {@code getPermitStatus}).
 *
 * @param divisionCode the enterprise's administrative division, used for jurisdiction checks only
 */
public record PermitStatus(
        String permitNo,
        String enterpriseCode,
        String siteId,
        String workType,
        String grade,
        String state,
        Location location,
        Instant plannedStart,
        Instant plannedEnd,
        LastAction lastAction,
        Instant appliedAt,
        Instant updatedAt,
        @JsonIgnore String divisionCode) {

    /** The newest action on the permit. */
    public record LastAction(String type, long version, Instant at, String actionId) {}
}
