package org.permithub.connectors.insurance;

import java.time.LocalDate;

/**
 * The social-insurance check's answer (社保参保核验) for one person: whether they have work-injury
 * insurance (工伤保险) and for which period. Not insured is a business answer, not a failure.
 */
public record InsuranceAnswer(boolean insured, String employer, LocalDate coveredFrom, LocalDate coveredUntil,
        String status) {
}
