package org.permithub.api.regulator;

import java.time.Instant;
import java.util.List;

/** One permit in a search page. */
public record PermitSummary(String permitNo, String enterpriseCode, String siteId, String workType, String grade,
        String state, Instant plannedStart, Instant plannedEnd, Instant appliedAt, Instant updatedAt) {

    /** A page of permits; {@code nextCursor} is null on the last page. */
    public record Page(List<PermitSummary> items, String nextCursor) {}
}
