package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;
import static org.permithub.core.permit.Scenario.warningCodes;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.isolation.IsolationState;

/** What must hold at the instant START is decided. */
class StartPreconditionsTest {

    private static Decision start(Scenario s, Permit p) {
        return s.act(p, ActionType.START, Map.of());
    }

    @ParameterizedTest(name = "sampled {0} s before START: stale={1}")
    @CsvSource({"1799, false", "1800, false", "1801, true"})
    void the_gas_test_is_at_most_30_minutes_old(long secondsBefore, boolean stale) {
        Scenario s = new Scenario();
        Permit approved = s.approved(s.application(WorkType.HOT_WORK));
        Permit tested = s.accepted(s.act(approved, ActionType.GAS_TEST, Scenario.passingGasTest(s.now())));
        s.advance(Duration.ofSeconds(secondsBefore));

        Decision d = start(s, tested);

        assertThat(codes(d).contains("GAS_TEST_STALE")).isEqualTo(stale);
        if (stale) {
            assertThat(Scenario.violation(d, "GAS_TEST_STALE").clause()).isEqualTo("GB30871-2022 §5.3.1c");
        }
    }

    @Test
    void confined_space_staleness_cites_6_3a() {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(WorkType.CONFINED_SPACE));
        s.advance(Duration.ofMinutes(31));

        assertThat(Scenario.violation(start(s, ready), "GAS_TEST_STALE").clause()).isEqualTo("GB30871-2022 §6.3a");
    }

    @ParameterizedTest
    @EnumSource(value = WorkType.class, names = {"HOT_WORK", "CONFINED_SPACE"})
    void no_gas_test_no_start(WorkType type) {
        Scenario s = new Scenario();
        Permit approved = s.approved(s.application(type));
        if (!approved.application().details().isolationPoints().isEmpty()) {
            approved = s.accepted(s.act(approved, ActionType.CONFIRM_ISOLATION,
                    Scenario.isolation(approved.application().details().isolationPoints())));
        }
        assertThat(codes(start(s, approved))).containsExactly("GAS_TEST_MISSING");
    }

    @Test
    void a_failed_gas_test_keeps_the_permit_approved_and_blocks_start() {
        Scenario s = new Scenario();
        Permit approved = s.approved(s.application(WorkType.HOT_WORK));
        Decision test = s.act(approved, ActionType.GAS_TEST, Scenario.failingGasTest(s.now()));
        Permit tested = s.accepted(test);

        assertThat(tested.state()).isEqualTo(PermitState.APPROVED);
        assertThat(warningCodes(test)).contains("GAS_TEST_FAILED");
        Decision d = start(s, tested);
        assertThat(codes(d)).containsExactly("GAS_TEST_FAILED");
        assertThat(Scenario.violation(d, "GAS_TEST_FAILED").detail()).contains("GAS_COMBUSTIBLE_OVER_LIMIT");
    }

    @Test
    void temporary_power_in_a_hazardous_area_needs_a_gas_test() {
        Scenario s = new Scenario();
        PermitApplication app = s.application(WorkType.TEMPORARY_POWER, s.now(), s.now().plusSeconds(3600), null,
                WorkDetails.builder().inHazardousArea(true).build());
        assertThat(codes(start(s, s.approved(app)))).containsExactly("GAS_TEST_MISSING");
    }

    @Test
    void a_guardian_without_valid_training_blocks_start() {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(WorkType.HOT_WORK));
        s.context.putGuardianTraining(new GuardianTraining(Scenario.GUARDIAN, "GT-1", LocalDate.of(2020, 1, 1),
                s.today().minusDays(1)));

        assertThat(codes(start(s, ready))).containsExactly("GUARDIAN_TRAINING_EXPIRED");
    }

    @Test
    void a_guardian_who_is_also_a_worker_blocks_start() {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(WorkType.ROAD_CLOSURE));
        PermitApplication a = ready.application();
        PermitApplication guardianWorks = new PermitApplication(a.permitNo(), a.enterpriseCode(), a.siteId(), a.workType(),
                a.grade(), a.location(), a.content(), a.plannedStart(), a.plannedEnd(), List.of("w-1", "g-1"), "g-1",
                a.details());
        Permit tampered = new Permit(guardianWorks, ready.state(), ready.version(), ready.lastAction(), ready.appliedAt(),
                ready.updatedAt(), ready.terms(), ready.approvals(), ready.lastGasTest(), null, null, null, null, null, null);

        assertThat(codes(start(s, tampered))).contains("GUARDIAN_IS_WORKER");
    }

    @ParameterizedTest
    @CsvSource({"HOT_WORK, WELDING_AND_THERMAL_CUTTING", "TEMPORARY_POWER, ELECTRICAL", "WORK_AT_HEIGHT, WORK_AT_HEIGHT",
            "LIFTING, SPECIAL_EQUIPMENT_OPERATOR"})
    void every_worker_needs_the_certificate_of_the_work_type(WorkType type, CertificateCategory category) {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(type));
        s.context.replaceCertificates(Scenario.WORKER_2, java.util.Arrays.stream(CertificateCategory.values())
                .filter(c -> c != category).map(c -> s.validCertificate(Scenario.WORKER_2, c)).toList());

        Decision d = start(s, ready);

        assertThat(codes(d)).containsExactly("CERTIFICATE_MISSING");
        assertThat(Scenario.violation(d, "CERTIFICATE_MISSING").detail()).contains("w-2").contains(category.name());
    }

    @ParameterizedTest
    @EnumSource(value = WorkType.class, names = {"CONFINED_SPACE", "BLIND_PLATE", "EXCAVATION", "ROAD_CLOSURE"})
    void work_types_without_a_certificate_category_start_without_certificates(WorkType type) {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(type));
        s.context.replaceCertificates(Scenario.WORKER_1, List.of());
        s.context.replaceCertificates(Scenario.WORKER_2, List.of());

        assertThat(start(s, ready)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void an_overdue_review_blocks_start_and_a_review_falling_due_warns() {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(WorkType.HOT_WORK));
        LocalDate today = s.today();
        s.context.replaceCertificates(Scenario.WORKER_1, List.of(s.validCertificate(Scenario.WORKER_1,
                CertificateCategory.WELDING_AND_THERMAL_CUTTING).withLastReviewedOn(today.minusYears(3).plusDays(30))));

        Decision dueSoon = start(s, ready);
        assertThat(warningCodes(dueSoon)).containsExactly("CERTIFICATE_REVIEW_DUE_SOON");

        s.context.replaceCertificates(Scenario.WORKER_1, List.of(s.validCertificate(Scenario.WORKER_1,
                CertificateCategory.WELDING_AND_THERMAL_CUTTING).withLastReviewedOn(today.minusYears(3).minusDays(1))));
        assertThat(codes(start(s, ready))).containsExactly("CERTIFICATE_REVIEW_OVERDUE");
    }

    @Test
    void every_isolation_point_must_be_confirmed() {
        Scenario s = new Scenario();
        PermitApplication app = s.application(WorkType.HOT_WORK, s.now(), s.now().plusSeconds(7200), Grade.GRADE_2,
                WorkDetails.builder().outdoor(true).isolationPoints(List.of("IP-1", "IP-2")).build());
        Permit approved = s.approved(app);
        Permit oneConfirmed = s.accepted(s.act(approved, ActionType.CONFIRM_ISOLATION, Scenario.isolation(List.of("IP-1"))));
        Permit tested = s.accepted(s.act(oneConfirmed, ActionType.GAS_TEST, Scenario.passingGasTest(s.now())));

        Decision d = start(s, tested);
        assertThat(codes(d)).containsExactly("ISOLATION_NOT_CONFIRMED");
        assertThat(Scenario.violation(d, "ISOLATION_NOT_CONFIRMED").detail()).contains("IP-2");

        s.context.putIsolationState(app.permitNo(), "IP-2", IsolationState.CONFIRMED);
        assertThat(start(s, tested)).isInstanceOf(Decision.Accepted.class);

        s.context.putIsolationState(app.permitNo(), "IP-1", IsolationState.NOT_ISOLATED);
        assertThat(codes(start(s, tested))).containsExactly("ISOLATION_NOT_IN_PLACE");
    }

    @Test
    void water_seals_and_closed_valves_are_not_isolation_and_unknown_points_are_refused() {
        Scenario s = new Scenario();
        Permit approved = s.approved(s.application(WorkType.CONFINED_SPACE));

        Decision waterSeal = s.act(approved, ActionType.CONFIRM_ISOLATION,
                Map.of("pointIds", List.of("IP-1"), "method", "WATER_SEAL", "confirmedBy", "u"));
        Decision unknown = s.act(approved, ActionType.CONFIRM_ISOLATION, Scenario.isolation(List.of("IP-9")));

        assertThat(codes(waterSeal)).containsExactly("ISOLATION_METHOD_NOT_ACCEPTED");
        assertThat(Scenario.violation(waterSeal, "ISOLATION_METHOD_NOT_ACCEPTED").clause()).isEqualTo("GB30871-2022 §6.1a");
        assertThat(codes(unknown)).containsExactly("ISOLATION_POINT_UNKNOWN");
    }

    @Test
    void work_does_not_start_before_the_planned_start() {
        Scenario s = new Scenario();
        PermitApplication app = s.application(WorkType.ROAD_CLOSURE, s.now().plusSeconds(3600), s.now().plusSeconds(7200),
                null, WorkDetails.NONE);
        assertThat(codes(start(s, s.approved(app)))).containsExactly("PERMIT_NOT_YET_VALID");
    }

    @ParameterizedTest(name = "{0} at {1} m/s: {2}")
    @CsvSource({
            "HOT_WORK, 7.9, ''", "HOT_WORK, 8.0, HOT_WORK_WIND_NOT_COVERED",
            "WORK_AT_HEIGHT, 7.9, ''", "WORK_AT_HEIGHT, 8.0, WIND_TOO_STRONG",
            "LIFTING, 10.7, ''", "LIFTING, 10.8, WIND_TOO_STRONG",
    })
    void wind_at_start(WorkType type, double speed, String code) {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(type));
        s.setWind(speed);

        Decision d = start(s, ready);

        assertThat(codes(d)).isEqualTo(code.isEmpty() ? List.of() : List.of(code));
    }

    @Test
    void hot_work_raised_for_wind_may_start_in_that_wind_and_indoor_work_ignores_wind() {
        Scenario s = new Scenario();
        s.setWind(9);
        Permit raised = s.ready(s.application(WorkType.HOT_WORK));
        PermitApplication indoorHeight = s.application(WorkType.WORK_AT_HEIGHT, s.now(), s.now().plusSeconds(3600), null,
                WorkDetails.builder().workingHeightM(4.0).outdoor(false).build());

        assertThat(raised.effectiveGrade()).isEqualTo(Grade.GRADE_1);
        assertThat(start(s, raised)).isInstanceOf(Decision.Accepted.class);
        s.setWind(25);
        assertThat(start(s, s.ready(indoorHeight))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void all_failures_are_reported_together() {
        Scenario s = new Scenario();
        Permit approved = s.approved(s.application(WorkType.HOT_WORK));
        s.context.replaceCertificates(Scenario.WORKER_1, List.of());
        s.context.putGuardianTraining(new GuardianTraining(Scenario.GUARDIAN, "GT-1", LocalDate.of(2020, 1, 1),
                LocalDate.of(2020, 12, 31)));

        assertThat(codes(start(s, approved)))
                .containsExactlyInAnyOrder("GAS_TEST_MISSING", "GUARDIAN_TRAINING_EXPIRED", "CERTIFICATE_MISSING");
    }
}
