package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.TZ;
import static org.permithub.core.permit.Scenario.codes;
import static org.permithub.core.permit.Scenario.warningCodes;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB 30871-2022 §5.3.1d, §6.3f, §6.5, §8.2.11. */
class ResumeAndMonitoringTest {

    private static Permit suspended(Scenario s, Permit active) {
        return s.accepted(s.act(active, ActionType.SUSPEND, Map.of("reason", "break")));
    }

    private static Decision resume(Scenario s, Permit p) {
        return s.act(p, ActionType.RESUME, Map.of());
    }

    @ParameterizedTest(name = "{0} {1} paused {2}s: re-test={3}")
    @CsvSource({
            "HOT_WORK, GRADE_1, 1800, false", "HOT_WORK, GRADE_1, 1801, true",
            "HOT_WORK, SPECIAL, 1800, false", "HOT_WORK, SPECIAL, 1801, true",
            "HOT_WORK, GRADE_2, 3600, false", "HOT_WORK, GRADE_2, 3601, true",
            "CONFINED_SPACE, , 3600, false", "CONFINED_SPACE, , 3601, true",
    })
    void a_long_pause_needs_a_fresh_gas_test(WorkType type, Grade grade, long pauseSeconds, boolean retest) {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(type, s.now(), s.now().plus(Duration.ofHours(6)), grade,
                Scenario.defaultDetails(type)));
        Permit paused = suspended(s, active);
        s.advance(Duration.ofSeconds(pauseSeconds));

        Decision d = resume(s, paused);

        assertThat(codes(d)).isEqualTo(retest ? java.util.List.of("GAS_RETEST_REQUIRED") : java.util.List.of());
        if (retest) {
            assertThat(Scenario.violation(d, "GAS_RETEST_REQUIRED").clause())
                    .isEqualTo(type == WorkType.HOT_WORK ? "GB30871-2022 §5.3.1d" : "GB30871-2022 §6.3f");
            Permit retested = s.accepted(s.act(paused, ActionType.GAS_TEST, Scenario.passingGasTest(s.now())));
            assertThat(resume(s, retested)).isInstanceOf(Decision.Accepted.class);
        }
    }

    @Test
    void a_test_from_before_the_suspension_does_not_count_as_fresh() {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.CONFINED_SPACE));
        s.advance(Duration.ofMinutes(5));
        Permit paused = suspended(s, active);
        s.advance(Duration.ofMinutes(61));
        Permit oldSample = s.accepted(s.act(paused, ActionType.GAS_TEST, Scenario.passingGasTest(paused.suspension().at().minusSeconds(1))));

        assertThat(codes(resume(s, oldSample))).containsExactly("GAS_RETEST_REQUIRED");
    }

    @Test
    void a_failing_reading_during_work_suspends_it_and_resuming_needs_a_retest_however_short_the_pause() {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.CONFINED_SPACE));
        s.advance(Duration.ofMinutes(10));

        Decision alarm = s.act(active, ActionType.GAS_TEST, Scenario.failingGasTest(s.now()));
        Permit stopped = s.accepted(alarm);

        assertThat(stopped.state()).isEqualTo(PermitState.SUSPENDED);
        assertThat(stopped.suspension().gasAlarm()).isTrue();
        assertThat(stopped.flags()).contains(PermitFlag.GAS_ALARM);
        assertThat(warningCodes(alarm)).contains("GAS_TEST_FAILED", "GAS_ALARM_WORK_SUSPENDED");

        s.advance(Duration.ofMinutes(1));
        assertThat(codes(resume(s, stopped))).containsExactly("GAS_TEST_FAILED");
        Permit retested = s.accepted(s.act(stopped, ActionType.GAS_TEST, Scenario.passingGasTest(s.now())));
        assertThat(resume(s, retested)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void hot_work_is_tested_again_on_a_new_day_even_after_a_short_pause() {
        Scenario s = new Scenario(LocalDateTime.of(2025, 3, 4, 23, 40).atZone(TZ).toInstant());
        PermitApplication app = s.application(WorkType.HOT_WORK, s.now(), s.now().plus(Duration.ofHours(4)), Grade.SPECIAL,
                WorkDetails.builder().outdoor(true).build());
        Permit paused = suspended(s, s.active(app));
        s.advance(Duration.ofMinutes(25)); // 00:05 next day, pause < 30 min

        Decision d = resume(s, paused);

        assertThat(codes(d)).containsExactly("GAS_RETEST_REQUIRED");
        assertThat(Scenario.violation(d, "GAS_RETEST_REQUIRED").detail()).contains("every day");
    }

    @Test
    void resuming_work_at_height_needs_conditions_reconfirmed() {
        Scenario s = new Scenario();
        Permit paused = suspended(s, s.active(s.application(WorkType.WORK_AT_HEIGHT)));

        assertThat(codes(resume(s, paused))).containsExactly("CONDITIONS_NOT_RECONFIRMED");
        assertThat(s.act(paused, ActionType.RESUME, Map.of("conditionsConfirmedBy", "g-1")))
                .isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void resume_re_checks_people_as_start_does() {
        Scenario s = new Scenario();
        Permit paused = suspended(s, s.active(s.application(WorkType.HOT_WORK)));
        s.context.replaceCertificates(Scenario.WORKER_1, java.util.List.of());

        assertThat(codes(resume(s, paused))).containsExactly("CERTIFICATE_MISSING");
    }

    @ParameterizedTest(name = "next reading after {0} s: gap={1}")
    @CsvSource({"7200, false", "7201, true"})
    void continuous_monitoring_records_a_reading_at_least_every_two_hours(long seconds, boolean gap) {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.CONFINED_SPACE, Duration.ofHours(8)));
        s.advance(Duration.ofSeconds(seconds));

        Decision d = s.act(active, ActionType.GAS_TEST, Scenario.passingGasTest(s.now()));

        assertThat(s.accepted(d).flags().contains(PermitFlag.MONITORING_GAP)).isEqualTo(gap);
        assertThat(warningCodes(d).contains("MONITORING_GAP")).isEqualTo(gap);
    }

    @ParameterizedTest(name = "{0} s after the last reading: alert={1}")
    @CsvSource({"7200, false", "7201, true"})
    void the_scheduler_is_alerted_when_monitoring_is_overdue(long seconds, boolean alert) {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.CONFINED_SPACE, Duration.ofHours(8)));
        s.advance(Duration.ofSeconds(seconds));

        assertThat(s.lifecycle.monitoringAlert(active, s.ctx()).isPresent()).isEqualTo(alert);
    }

    @Test
    void only_special_hot_work_and_confined_space_need_continuous_monitoring() {
        Scenario s = new Scenario();
        Permit grade2 = s.active(s.application(WorkType.HOT_WORK));
        Permit special = s.active(s.application(WorkType.HOT_WORK, s.now(), s.now().plus(Duration.ofHours(8)), Grade.SPECIAL,
                WorkDetails.builder().outdoor(true).build()));
        s.advance(Duration.ofHours(3));

        assertThat(s.lifecycle.monitoringAlert(grade2, s.ctx())).isEmpty();
        assertThat(s.lifecycle.monitoringAlert(special, s.ctx())).get()
                .satisfies(w -> assertThat(w.clause()).isEqualTo("GB30871-2022 §5.3.1d"));
        Decision anyAction = s.act(special, ActionType.SUSPEND, Map.of("reason", "x"));
        assertThat(s.accepted(anyAction).flags()).contains(PermitFlag.MONITORING_GAP);
    }

    @Test
    void an_older_test_uploaded_late_does_not_replace_the_newest() {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.CONFINED_SPACE));
        s.advance(Duration.ofMinutes(20));
        Permit newer = s.accepted(s.act(active, ActionType.GAS_TEST, Scenario.passingGasTest(s.now())));

        Decision late = s.act(newer, ActionType.GAS_TEST, Scenario.passingGasTest(s.now().minusSeconds(600)));

        assertThat(s.accepted(late).lastGasTest()).isEqualTo(newer.lastGasTest());
        assertThat(warningCodes(late)).contains("GAS_TEST_OUT_OF_ORDER");
    }
}
