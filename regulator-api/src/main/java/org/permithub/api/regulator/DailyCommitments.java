package org.permithub.api.regulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The enterprises' daily commitments (安全风险研判与承诺公告, published before 10:00) as the
 * government-platform connector receives them. Empty answers mean "no commitment data": the
 * flags and counts that need it then say NOT_EVALUATED instead of guessing.
 */
public interface DailyCommitments {

    /** Whether the enterprise's commitment for {@code day} announced this work type (and grade). */
    Optional<Boolean> covers(String enterpriseCode, LocalDate day, String workType, String grade);

    /** Special-work jobs committed in [from, to) in the jurisdiction. */
    Optional<Integer> committedCount(String jurisdiction, Instant from, Instant to, String enterpriseCode);
}
