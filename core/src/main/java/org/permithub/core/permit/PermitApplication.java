package org.permithub.core.permit;

import java.time.Instant;
import java.util.List;

/**
 * What an applicant submits (the APPLY action). Field names follow the intake API.
 *
 * @param enterpriseCode 统一社会信用代码 of the enterprise (GB 32100-2015)
 * @param grade for hot work the grade by location (§5.1.2–5.1.4) before escalation; for work at
 *        height and lifting optional (computed from height or load; a stated grade may not be lower);
 *        null for the other work types
 * @param details the work-type-specific facts the rules need (height, load, pipe, isolation points …)
 */
public record PermitApplication(
        String permitNo,
        String enterpriseCode,
        String siteId,
        WorkType workType,
        Grade grade,
        Location location,
        String content,
        Instant plannedStart,
        Instant plannedEnd,
        List<String> workers,
        String guardianId,
        WorkDetails details) {

    public PermitApplication {
        workers = workers == null ? List.of() : List.copyOf(workers);
        details = details == null ? WorkDetails.NONE : details;
    }

    /** The original shape, without work details. */
    public PermitApplication(String permitNo, String enterpriseCode, String siteId, WorkType workType, Grade grade,
                             Location location, String content, Instant plannedStart, Instant plannedEnd,
                             List<String> workers, String guardianId) {
        this(permitNo, enterpriseCode, siteId, workType, grade, location, content, plannedStart, plannedEnd,
                workers, guardianId, WorkDetails.NONE);
    }
}
