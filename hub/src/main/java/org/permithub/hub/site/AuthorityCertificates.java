package org.permithub.hub.site;

import java.time.LocalDate;
import java.time.Period;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.CredentialLimits;

/**
 * A certificate as the verification authority states it (初领日期, 有效期结束日期, 应复审日期), turned
 * into the {@link Certificate} the permit rules read. The rules know a certificate's review only as
 * "last review + interval" (SAWS Order No.30 Art. 21: 特种作业操作证 review every 3 years), so the
 * authority's next review date becomes a last review three years before it. The credential registry
 * and the reference data the rules read both use this one mapping.
 */
public final class AuthorityCertificates {

    /** SAWS Order No.30 Art. 21: review every 3 years; the rules add the same interval back. */
    private static final Period REVIEW_INTERVAL = CredentialLimits.order30().reviewInterval();

    private AuthorityCertificates() {}

    /**
     * The certificate the rules judge. The authority's review date already includes any extension to
     * six years (Art. 21, 10 years' clean work), so the rules' extended interval is never set here.
     */
    public static Certificate toRules(String number, String holderId, CertificateCategory category,
            LocalDate issuedOn, LocalDate validUntil, LocalDate reviewDueOn, LocalDate lastWorkedOn, boolean revoked) {
        return new Certificate(number, holderId, category, issuedOn, validUntil, lastReviewedOn(issuedOn, reviewDueOn),
                false, lastWorkedOn, null, revoked);
    }

    /**
     * The last review the rules assume, so that "last review (or issue) + 3 years" is the authority's
     * date: null when the authority names no review date or its date is the first review (issue + 3
     * years, never reviewed yet). A date before the first regular review (data of a re-issued card, a
     * shortened cycle) gives a "last review" before the issue date: the authority's earlier date
     * must win, because a missed review voids the certificate (Art. 26); before, such a date was
     * dropped and the rules judged the review due at issue + 3 years, later than the authority.
     * A review due on 29 February is judged one day early (28 February), as no date three years
     * before it lands on 29 February again: never later than the authority.
     */
    static LocalDate lastReviewedOn(LocalDate issuedOn, LocalDate reviewDueOn) {
        if (reviewDueOn == null || reviewDueOn.equals(issuedOn.plus(REVIEW_INTERVAL))) {
            return null;
        }
        return reviewDueOn.minus(REVIEW_INTERVAL);
    }
}
