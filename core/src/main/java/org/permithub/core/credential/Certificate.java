package org.permithub.core.credential;

import java.time.LocalDate;

/**
 * A worker's certificate as the hub knows it (from the contractor API or a verification connector).
 *
 * @param expiresOn last valid day; null means issuedOn + the regime's validity (6 years, Order 30 Art. 19)
 * @param lastReviewedOn date of the last passed review (复审); null when never reviewed
 * @param reviewIntervalExtended the 6-year review interval granted after 10 years' clean work (Art. 21)
 * @param lastWorkedOn the last day the holder worked in this trade; null when unknown
 * @param practicalReexamPassedOn the last passed practical re-examination after a break (Art. 32)
 * @param revoked revoked or cancelled (Art. 30, 31)
 */
public record Certificate(
        String number,
        String holderId,
        CertificateCategory category,
        LocalDate issuedOn,
        LocalDate expiresOn,
        LocalDate lastReviewedOn,
        boolean reviewIntervalExtended,
        LocalDate lastWorkedOn,
        LocalDate practicalReexamPassedOn,
        boolean revoked) {

    public Certificate {
        if (number == null || holderId == null || category == null || issuedOn == null) {
            throw new IllegalArgumentException("a certificate needs a number, holder, category and issue date");
        }
    }

    /** A certificate issued on the given date: no expiry override, never reviewed, no work recorded yet. */
    public static Certificate issued(String number, String holderId, CertificateCategory category, LocalDate issuedOn) {
        return new Certificate(number, holderId, category, issuedOn, null, null, false, null, null, false);
    }

    public Certificate withLastReviewedOn(LocalDate date) {
        return new Certificate(number, holderId, category, issuedOn, expiresOn, date, reviewIntervalExtended,
                lastWorkedOn, practicalReexamPassedOn, revoked);
    }

    public Certificate withLastWorkedOn(LocalDate date) {
        return new Certificate(number, holderId, category, issuedOn, expiresOn, lastReviewedOn, reviewIntervalExtended,
                date, practicalReexamPassedOn, revoked);
    }

    public Certificate withExpiresOn(LocalDate date) {
        return new Certificate(number, holderId, category, issuedOn, date, lastReviewedOn, reviewIntervalExtended,
                lastWorkedOn, practicalReexamPassedOn, revoked);
    }

    public Certificate withPracticalReexamPassedOn(LocalDate date) {
        return new Certificate(number, holderId, category, issuedOn, expiresOn, lastReviewedOn, reviewIntervalExtended,
                lastWorkedOn, date, revoked);
    }

    public Certificate withReviewIntervalExtended(boolean extended) {
        return new Certificate(number, holderId, category, issuedOn, expiresOn, lastReviewedOn, extended,
                lastWorkedOn, practicalReexamPassedOn, revoked);
    }

    public Certificate withRevoked(boolean isRevoked) {
        return new Certificate(number, holderId, category, issuedOn, expiresOn, lastReviewedOn, reviewIntervalExtended,
                lastWorkedOn, practicalReexamPassedOn, isRevoked);
    }
}
