package org.permithub.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.permithub.core.permit.Violation;
import org.permithub.core.permit.Warning;

/** 国家安全监管总局令第30号 Art. 19, 21, 22, 26, 32; GB 30871-2022 §4.9, §4.10. */
class CredentialCheckTest {

    private static final CredentialLimits ORDER_30 = CredentialLimits.order30();
    private static final LocalDate ISSUED = LocalDate.of(2020, 1, 10);

    private static Certificate welder() {
        return Certificate.issued("T110101199001011234", "w-1", CertificateCategory.WELDING_AND_THERMAL_CUTTING, ISSUED);
    }

    private static List<String> codes(CredentialCheck.Outcome outcome) {
        return outcome.violations().stream().map(Violation::code).toList();
    }

    private static List<String> warnings(CredentialCheck.Outcome outcome) {
        return outcome.warnings().stream().map(Warning::code).toList();
    }

    @ParameterizedTest(name = "today {0}: {1} / warning {2}")
    @CsvSource({
            // review due 3 years after issue: 2023-01-10; warning window opens 60 days before: 2022-11-11
            "2022-11-10, '', false",
            "2022-11-11, '', true",
            "2023-01-10, '', true",
            "2023-01-11, CERTIFICATE_REVIEW_OVERDUE, false",
    })
    void review_every_three_years_with_a_60_day_window(LocalDate today, String violation, boolean dueSoon) {
        Certificate c = welder().withLastWorkedOn(today.minusDays(1));

        CredentialCheck.Outcome outcome = CredentialCheck.certificate(c, today, ORDER_30);

        assertThat(codes(outcome)).isEqualTo(violation.isEmpty() ? List.of() : List.of(violation));
        assertThat(warnings(outcome).contains("CERTIFICATE_REVIEW_DUE_SOON")).isEqualTo(dueSoon);
    }

    @Test
    void a_passed_review_moves_the_due_date_and_the_extended_interval_is_six_years() {
        LocalDate today = LocalDate.of(2024, 6, 1);
        Certificate reviewed = welder().withLastReviewedOn(LocalDate.of(2022, 12, 20)).withLastWorkedOn(today);
        Certificate extended = welder().withReviewIntervalExtended(true).withLastWorkedOn(today);

        assertThat(CredentialCheck.certificate(reviewed, today, ORDER_30).valid()).isTrue();
        assertThat(CredentialCheck.certificate(extended, today, ORDER_30).valid()).isTrue();
        assertThat(codes(CredentialCheck.certificate(welder().withLastWorkedOn(today), today, ORDER_30)))
                .containsExactly("CERTIFICATE_REVIEW_OVERDUE");
    }

    @ParameterizedTest(name = "today {0}: expired={1}")
    @CsvSource({"2026-01-08, false", "2026-01-09, false", "2026-01-10, true"})
    void a_certificate_is_valid_six_years(LocalDate today, boolean expired) {
        Certificate c = welder().withLastReviewedOn(LocalDate.of(2025, 6, 1)).withLastWorkedOn(today.minusDays(1));

        assertThat(codes(CredentialCheck.certificate(c, today, ORDER_30)).contains("CERTIFICATE_EXPIRED")).isEqualTo(expired);
    }

    @ParameterizedTest(name = "last worked {0}, today 2021-07-10: off the job={1}")
    @CsvSource({"2021-01-11, false", "2021-01-10, true", "2021-01-09, true"})
    void six_months_or_more_off_the_job_needs_a_re_exam(LocalDate lastWorked, boolean offJob) {
        LocalDate today = LocalDate.of(2021, 7, 10);
        Certificate c = welder().withLastWorkedOn(lastWorked);

        assertThat(codes(CredentialCheck.certificate(c, today, ORDER_30)).contains("CERTIFICATE_HOLDER_OFF_JOB"))
                .isEqualTo(offJob);
        assertThat(CredentialCheck.certificate(c.withPracticalReexamPassedOn(today.minusDays(3)), today, ORDER_30).valid())
                .isTrue();
    }

    @Test
    void a_holder_who_never_worked_counts_from_the_issue_date() {
        assertThat(codes(CredentialCheck.certificate(welder(), ISSUED.plusMonths(6), ORDER_30)))
                .containsExactly("CERTIFICATE_HOLDER_OFF_JOB");
        assertThat(CredentialCheck.certificate(welder(), ISSUED.plusMonths(6).minusDays(1), ORDER_30).valid()).isTrue();
    }

    @Test
    void revoked_and_not_yet_valid_certificates_fail() {
        LocalDate today = ISSUED.plusDays(30);
        assertThat(codes(CredentialCheck.certificate(welder().withRevoked(true), today, ORDER_30)))
                .containsExactly("CERTIFICATE_REVOKED");
        assertThat(codes(CredentialCheck.certificate(welder(), ISSUED.minusDays(1), ORDER_30)))
                .containsExactly("CERTIFICATE_NOT_YET_VALID");
    }

    @Test
    void special_equipment_certificates_need_their_own_expiry_date_and_skip_order_30_reviews() {
        Certificate crane = Certificate.issued("TZ-1", "w-1", CertificateCategory.SPECIAL_EQUIPMENT_OPERATOR, ISSUED);
        LocalDate today = ISSUED.plusYears(3).plusDays(10);

        assertThat(codes(CredentialCheck.certificate(crane, today, ORDER_30))).containsExactly("CERTIFICATE_EXPIRY_UNKNOWN");
        assertThat(CredentialCheck.certificate(crane.withExpiresOn(ISSUED.plusYears(4)), today, ORDER_30).valid()).isTrue();
        assertThat(codes(CredentialCheck.certificate(crane.withExpiresOn(today.minusDays(1)), today, ORDER_30)))
                .containsExactly("CERTIFICATE_EXPIRED");
    }

    @Test
    void a_worker_passes_when_any_certificate_of_the_category_is_valid() {
        LocalDate today = LocalDate.of(2024, 3, 1);
        Certificate old = welder().withLastWorkedOn(today);
        Certificate renewed = Certificate.issued("T-NEW", "w-1", CertificateCategory.WELDING_AND_THERMAL_CUTTING,
                LocalDate.of(2023, 12, 1)).withLastWorkedOn(today);
        Certificate electrician = Certificate.issued("T-E", "w-1", CertificateCategory.ELECTRICAL, LocalDate.of(2023, 12, 1))
                .withLastWorkedOn(today);

        assertThat(CredentialCheck.worker("w-1", CertificateCategory.WELDING_AND_THERMAL_CUTTING, List.of(old, renewed), today, ORDER_30)
                .valid()).isTrue();
        assertThat(codes(CredentialCheck.worker("w-1", CertificateCategory.WELDING_AND_THERMAL_CUTTING, List.of(old), today, ORDER_30)))
                .containsExactly("CERTIFICATE_REVIEW_OVERDUE");
        assertThat(codes(CredentialCheck.worker("w-1", CertificateCategory.WELDING_AND_THERMAL_CUTTING, List.of(electrician), today, ORDER_30)))
                .containsExactly("CERTIFICATE_MISSING");
        assertThat(codes(CredentialCheck.worker("w-2", CertificateCategory.WELDING_AND_THERMAL_CUTTING, List.of(renewed), today, ORDER_30)))
                .containsExactly("CERTIFICATE_MISSING");
    }

    @ParameterizedTest(name = "today {0}: {1}")
    @CsvSource({"2023-12-31, ''", "2024-01-01, ''", "2026-12-31, ''", "2027-01-01, GUARDIAN_TRAINING_EXPIRED"})
    void guardian_training_must_be_valid_on_the_day(LocalDate today, String code) {
        GuardianTraining training = new GuardianTraining("g-1", "GT-1", LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31));
        List<String> codes = CredentialCheck.guardian("g-1", Optional.of(training), today).stream().map(Violation::code).toList();

        if (today.isBefore(LocalDate.of(2024, 1, 1))) {
            assertThat(codes).containsExactly("GUARDIAN_TRAINING_EXPIRED");
        } else {
            assertThat(codes).isEqualTo(code.isEmpty() ? List.of() : List.of(code));
        }
        assertThat(CredentialCheck.guardian("g-1", Optional.empty(), today)).extracting(Violation::code)
                .containsExactly("GUARDIAN_TRAINING_MISSING");
    }
}
