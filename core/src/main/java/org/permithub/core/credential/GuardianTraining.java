package org.permithub.core.credential;

import java.time.LocalDate;

/**
 * A guardian's (监护人) special training pass certificate (GB 30871-2022 §4.10).
 *
 * @param validUntil last valid day
 */
public record GuardianTraining(String personId, String certificateNo, LocalDate issuedOn, LocalDate validUntil) {

    public GuardianTraining {
        if (personId == null || certificateNo == null || issuedOn == null || validUntil == null) {
            throw new IllegalArgumentException("guardian training needs a person, number, issue date and end date");
        }
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(issuedOn) && !date.isAfter(validUntil);
    }
}
