package org.permithub.core.credential;

import java.time.LocalDate;

/**
 * A contractor worker's work-injury insurance (工伤保险) as the social-insurance check (社保参保核验)
 * reported it.
 *
 * @param status what the check said; UNVERIFIED while it has not answered (service down, not yet asked)
 * @param coveredFrom first day of cover; null when unknown
 * @param coveredUntil last day of cover; null means open-ended (still paying in)
 */
public record InsuranceCover(String personId, InsuranceStatus status, LocalDate coveredFrom, LocalDate coveredUntil) {

    public InsuranceCover {
        if (personId == null || status == null) {
            throw new IllegalArgumentException("insurance cover needs a person and a status");
        }
    }

    public static InsuranceCover unverified(String personId) {
        return new InsuranceCover(personId, InsuranceStatus.UNVERIFIED, null, null);
    }

    /** Whether the cover includes {@code day}. */
    public boolean covers(LocalDate day) {
        return status == InsuranceStatus.INSURED
                && (coveredFrom == null || !day.isBefore(coveredFrom))
                && (coveredUntil == null || !day.isAfter(coveredUntil));
    }
}
