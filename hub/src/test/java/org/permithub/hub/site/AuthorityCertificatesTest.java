package org.permithub.hub.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.CredentialCheck;
import org.permithub.core.credential.CredentialLimits;
import org.permithub.core.permit.Violation;

/**
 * The authority's review date (应复审日期) as the permit rules judge it: on the date itself the
 * certificate is usable, the day after its review is overdue (SAWS Order No.30 Art. 21, 26).
 */
class AuthorityCertificatesTest {

    private static final LocalDate ISSUED = LocalDate.of(2022, 5, 10);

    @Test
    void noReviewDateMeansTheFirstReviewThreeYearsAfterIssue() {
        assertThat(AuthorityCertificates.lastReviewedOn(ISSUED, null)).isNull();
        assertJudgedDueOn(null, ISSUED.plusYears(3));
    }

    @Test
    void theFirstReviewIsNeverReviewedYet() {
        assertThat(AuthorityCertificates.lastReviewedOn(ISSUED, ISSUED.plusYears(3))).isNull();
        assertJudgedDueOn(ISSUED.plusYears(3), ISSUED.plusYears(3));
    }

    @Test
    void aLaterReviewDateIsTheLastReviewThreeYearsBeforeIt() {
        assertThat(AuthorityCertificates.lastReviewedOn(ISSUED, ISSUED.plusYears(6))).isEqualTo(ISSUED.plusYears(3));
        assertJudgedDueOn(ISSUED.plusYears(6), ISSUED.plusYears(6));
        // an extended six-year cycle (Art. 21) is already in the authority's date
        assertJudgedDueOn(ISSUED.plusYears(12), ISSUED.plusYears(12));
        assertJudgedDueOn(ISSUED.plusYears(3).plusDays(1), ISSUED.plusYears(3).plusDays(1));
    }

    @Test
    void anAuthorityDateBeforeTheRegularFirstReviewWins() {
        // the edge both copies got wrong: the date was dropped and the rules judged issue + 3 years
        LocalDate due = ISSUED.plusYears(3).minusDays(1);
        assertThat(AuthorityCertificates.lastReviewedOn(ISSUED, due)).isEqualTo(due.minusYears(3));
        assertJudgedDueOn(due, due);
        LocalDate early = ISSUED.plusMonths(2);
        assertJudgedDueOn(early, early);
    }

    @Test
    void aReviewDueOnTheTwentyNinthOfFebruaryIsJudgedOneDayEarlyNeverLater() {
        LocalDate due = LocalDate.of(2028, 2, 29);
        assertJudgedDueOn(due, LocalDate.of(2028, 2, 28));
        // issued on a leap day, first review per Java's year arithmetic: 28 February
        LocalDate leapIssued = LocalDate.of(2024, 2, 29);
        assertThat(AuthorityCertificates.lastReviewedOn(leapIssued, LocalDate.of(2027, 2, 28))).isNull();
    }

    @Test
    void theOtherAuthorityFieldsPassThrough() {
        Certificate c = AuthorityCertificates.toRules("T370602199001011234", "w-1",
                CertificateCategory.WELDING_AND_THERMAL_CUTTING, ISSUED, ISSUED.plusYears(6).minusDays(1),
                ISSUED.plusYears(6), LocalDate.of(2026, 1, 2), true);
        assertThat(c.expiresOn()).isEqualTo(ISSUED.plusYears(6).minusDays(1));
        assertThat(c.lastWorkedOn()).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(c.revoked()).isTrue();
        assertThat(c.reviewIntervalExtended()).isFalse();
        assertThat(c.holderId()).isEqualTo("w-1");
    }

    /** The last day the rules accept the certificate's review is {@code judged}. */
    private static void assertJudgedDueOn(LocalDate authorityDue, LocalDate judged) {
        Certificate c = AuthorityCertificates.toRules("T370602199001011234", "w-1",
                CertificateCategory.WELDING_AND_THERMAL_CUTTING, ISSUED, null, authorityDue, null, false);
        assertThat(codes(c, judged)).as("on %s", judged).doesNotContain("CERTIFICATE_REVIEW_OVERDUE");
        assertThat(codes(c, judged.plusDays(1))).as("on %s", judged.plusDays(1)).contains("CERTIFICATE_REVIEW_OVERDUE");
    }

    private static List<String> codes(Certificate c, LocalDate today) {
        return CredentialCheck.certificate(c.withLastWorkedOn(today), today, CredentialLimits.order30()).violations()
                .stream().map(Violation::code).toList();
    }
}
