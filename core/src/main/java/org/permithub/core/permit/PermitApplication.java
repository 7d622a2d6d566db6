package org.permithub.core.permit;

import java.time.Instant;
import java.util.List;

/**
 * What an applicant submits (the APPLY action). Field names follow the intake API.
 *
 * @param enterpriseCode 统一社会信用代码 of the enterprise (GB 32100-2015)
 * @param grade may be null for work types without grades
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
        String guardianId) {

    public PermitApplication {
        workers = workers == null ? List.of() : List.copyOf(workers);
    }
}
