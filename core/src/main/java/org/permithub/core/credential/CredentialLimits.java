package org.permithub.core.credential;

import java.time.Period;

/**
 * Numbers of 《特种作业人员安全技术培训考核管理规定》 (国家安全监管总局令第30号).
 *
 * @param validity Art. 19: valid 6 years (used when a certificate carries no expiry date)
 * @param reviewInterval Art. 21: review every 3 years
 * @param extendedReviewInterval Art. 21: every 6 years after 10 years' clean work
 * @param reviewWarningDays Art. 22: apply for review within 60 days before it falls due; a warning
 *        is raised inside this window
 * @param offJobLimit Art. 32: off the job ≥ 6 months needs a practical re-exam
 */
public record CredentialLimits(Period validity, Period reviewInterval, Period extendedReviewInterval,
                               int reviewWarningDays, Period offJobLimit) {

    public static CredentialLimits order30() {
        return new CredentialLimits(Period.ofYears(6), Period.ofYears(3), Period.ofYears(6), 60, Period.ofMonths(6));
    }
}
