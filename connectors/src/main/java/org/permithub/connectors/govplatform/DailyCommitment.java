package org.permithub.connectors.govplatform;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.WorkType;

/**
 * The enterprise's daily safety commitment (安全风险研判与承诺公告): its units' status and the
 * special work it plans that day, by type and grade. Due before 10:00 local time of the site.
 *
 * @param unitsNumber production units in total; {@code runNumber} running; {@code parkNumber} stopped
 * @param planned planned permits by work type and grade (grade null for types without grades)
 * @param commitment the text the enterprise's principal commits to
 * @param riskGrade the day's risk judgement (低/一般/较大/重大)
 * @param version 1 for the first submission, +1 for each correction (the platform keeps the newest)
 */
public record DailyCommitment(
        String enterpriseCode,
        String siteId,
        LocalDate commitDate,
        int unitsNumber,
        int runNumber,
        int parkNumber,
        int contractorNumber,
        List<PlannedWork> planned,
        String commitment,
        String riskGrade,
        String principal,
        Instant submittedAt,
        long version) {

    public DailyCommitment {
        planned = planned == null ? List.of() : List.copyOf(planned);
    }

    /** A planned count of one work type and grade. */
    public record PlannedWork(WorkType workType, Grade grade, int count) {}

    /** The planned count for one type and grade (grade ignored for types without one). */
    public int planned(WorkType type, Grade grade) {
        return planned.stream()
                .filter(p -> p.workType() == type && (p.grade() == null || grade == null || p.grade() == grade))
                .mapToInt(PlannedWork::count).sum();
    }
}
