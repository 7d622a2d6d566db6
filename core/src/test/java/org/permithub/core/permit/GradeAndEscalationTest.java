package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.TZ;
import static org.permithub.core.permit.Scenario.codes;
import static org.permithub.core.permit.Scenario.warningCodes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.grading.EscalationReason;
import org.permithub.core.grading.HeightHazard;
import org.permithub.core.grading.HeightSituation;
import org.permithub.core.site.SiteCalendar;

/** GB 30871-2022 §5.1.1, §5.2.15 (hot work), §8.1 + Table B.1 note 2 (height), §9.1 (lifting). */
class GradeAndEscalationTest {

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(TZ).toInstant();
    }

    private static Permit hotWork(Scenario s, Grade grade, String from, String to, WorkDetails details) {
        return s.applied(s.application(WorkType.HOT_WORK, local(from), local(to), grade, details));
    }

    private static Permit hotWork(Scenario s, Grade grade, String from, String to) {
        return hotWork(s, grade, from, to, WorkDetails.builder().outdoor(true).build());
    }

    @ParameterizedTest(name = "{0} → {1}: {2} {3}")
    @CsvSource({
            // night is 22:00–06:00; the window's end is exclusive
            "2025-03-04T14:00, 2025-03-04T22:00, GRADE_2, ''",
            "2025-03-04T15:00, 2025-03-04T22:01, GRADE_1, NIGHT",
            "2025-03-04T21:59, 2025-03-04T23:00, GRADE_1, NIGHT",
            "2025-03-05T06:00, 2025-03-05T10:00, GRADE_2, ''",
            "2025-03-05T05:59, 2025-03-05T10:00, GRADE_1, NIGHT",
            // Saturday 2025-03-08
            "2025-03-08T09:00, 2025-03-08T12:00, GRADE_1, REST_DAY",
            // Friday ending at Saturday 00:00 exactly touches no rest day, but touches the night
            "2025-03-07T18:00, 2025-03-08T00:00, GRADE_1, NIGHT",
    })
    void hot_work_is_raised_one_grade_at_night_and_on_rest_days(String from, String to, Grade expected, String reason) {
        Scenario s = new Scenario(local("2025-03-04T08:00"));
        Permit p = hotWork(s, Grade.GRADE_2, from, to);

        assertThat(p.effectiveGrade()).isEqualTo(expected);
        assertThat(p.terms().escalations()).isEqualTo(reason.isEmpty() ? Set.of() : Set.of(EscalationReason.valueOf(reason)));
    }

    @Test
    void holidays_raise_the_grade_and_make_up_working_days_do_not_count_as_rest_days() {
        Scenario s = new Scenario(local("2025-03-04T08:00"));
        LocalDate holidayTuesday = LocalDate.of(2025, 3, 11);
        LocalDate workedSaturday = LocalDate.of(2025, 3, 15);
        s.context.putCalendar(Scenario.SITE, SiteCalendar.of(TZ, LocalTime.of(22, 0), LocalTime.of(6, 0))
                .withHolidays(Set.of(holidayTuesday)).withWorkingDays(Set.of(workedSaturday)));

        Permit onHoliday = hotWork(s, Grade.GRADE_2, "2025-03-11T09:00", "2025-03-11T12:00");
        Permit onMakeUpDay = hotWork(s, Grade.GRADE_2, "2025-03-15T09:00", "2025-03-15T12:00");

        assertThat(onHoliday.effectiveGrade()).isEqualTo(Grade.GRADE_1);
        assertThat(onHoliday.terms().escalations()).containsExactly(EscalationReason.HOLIDAY);
        assertThat(onMakeUpDay.effectiveGrade()).isEqualTo(Grade.GRADE_2);
    }

    @ParameterizedTest
    @CsvSource({"GRADE_2, GRADE_1", "GRADE_1, SPECIAL", "SPECIAL, SPECIAL"})
    void escalation_is_one_step_and_special_stays_special(Grade declared, Grade expected) {
        Scenario s = new Scenario(local("2025-03-04T08:00"));
        Permit p = hotWork(s, declared, "2025-03-04T21:00", "2025-03-05T01:00");

        assertThat(p.effectiveGrade()).isEqualTo(expected);
    }

    @Test
    void the_raised_grade_sets_the_approver_and_the_validity_limit() {
        Scenario s = new Scenario(local("2025-03-04T08:00"));
        Permit raised = hotWork(s, Grade.GRADE_2, "2025-03-04T20:00", "2025-03-05T04:00");
        Decision tooLong = s.apply(s.application(WorkType.HOT_WORK, local("2025-03-04T20:00"),
                local("2025-03-05T04:01"), Grade.GRADE_2, WorkDetails.builder().outdoor(true).build()));

        assertThat(raised.terms().requiredApprovals()).containsExactly(ApproverRole.SAFETY_DEPARTMENT);
        assertThat(codes(tooLong)).containsExactly("VALIDITY_TOO_LONG");
        assertThat(Scenario.violation(tooLong, "VALIDITY_TOO_LONG").detail()).contains("raised for [NIGHT]");
    }

    @ParameterizedTest(name = "wind {0} m/s outdoor={1}: raised={2}")
    @CsvSource({"7.9, true, false", "8.0, true, true", "20.0, false, false"})
    void outdoor_hot_work_in_wind_of_force_5_or_more_is_raised(double speed, boolean outdoor, boolean raised) {
        Scenario s = new Scenario();
        s.setWind(speed);
        Permit p = s.applied(s.application(WorkType.HOT_WORK, s.now(), s.now().plus(Duration.ofHours(2)), Grade.GRADE_2,
                WorkDetails.builder().outdoor(outdoor).build()));

        assertThat(p.terms().escalations().contains(EscalationReason.WIND)).isEqualTo(raised);
        assertThat(p.effectiveGrade()).isEqualTo(raised ? Grade.GRADE_1 : Grade.GRADE_2);
    }

    @ParameterizedTest(name = "wind reading {0} min old: known={1}")
    @CsvSource({"59, true", "60, true", "61, false"})
    void a_wind_reading_older_than_an_hour_counts_as_unknown(long minutesOld, boolean known) {
        Scenario s = new Scenario();
        s.context.putWind(Scenario.SITE, new org.permithub.core.site.WindReading(3, s.now().minus(Duration.ofMinutes(minutesOld))));

        Decision d = s.apply(s.application(WorkType.HOT_WORK));

        assertThat(codes(d).contains("WIND_UNKNOWN")).isEqualTo(!known);
    }

    @Test
    void a_day_shift_permit_is_not_raised_but_cannot_start_on_a_rest_day() {
        Scenario s = new Scenario(local("2025-03-06T09:00"));
        WorkDetails dayShift = WorkDetails.builder().outdoor(true).dayShiftOnly(true).build();
        PermitApplication app = s.application(WorkType.HOT_WORK, s.now(), local("2025-03-09T09:00"), Grade.GRADE_2, dayShift);
        Permit ready = s.ready(app);
        s.advance(Duration.ofDays(2)); // Saturday 09:00
        Permit retested = s.accepted(s.act(ready, ActionType.GAS_TEST, Scenario.passingGasTest(s.now())));

        Decision start = s.act(retested, ActionType.START, Map.of());

        assertThat(ready.effectiveGrade()).isEqualTo(Grade.GRADE_2);
        assertThat(codes(start)).containsExactly("OUTSIDE_DECLARED_DAY_SHIFT");
    }

    // ---- work at height ---------------------------------------------------------------------

    static Stream<Arguments> heights() {
        return Stream.of(
                Arguments.of(2.0, false, Grade.CLASS_I), Arguments.of(2.0, true, Grade.CLASS_II),
                Arguments.of(5.0, false, Grade.CLASS_I), Arguments.of(5.0, true, Grade.CLASS_II),
                Arguments.of(5.01, false, Grade.CLASS_II), Arguments.of(5.01, true, Grade.CLASS_III),
                Arguments.of(15.0, false, Grade.CLASS_II), Arguments.of(15.0, true, Grade.CLASS_III),
                Arguments.of(15.01, false, Grade.CLASS_III), Arguments.of(15.01, true, Grade.CLASS_IV),
                Arguments.of(30.0, false, Grade.CLASS_III), Arguments.of(30.0, true, Grade.CLASS_IV),
                Arguments.of(30.01, false, Grade.CLASS_IV), Arguments.of(30.01, true, Grade.CLASS_IV));
    }

    @ParameterizedTest(name = "{0} m class B={1} → {2}")
    @MethodSource("heights")
    void height_class_follows_table_2(double height, boolean classB, Grade expected) {
        Scenario s = new Scenario();
        WorkDetails details = WorkDetails.builder().workingHeightM(height).outdoor(false)
                .heightHazards(classB ? Set.of(HeightHazard.SLIPPERY_FOOTING) : Set.of()).build();

        Permit p = s.applied(s.application(WorkType.WORK_AT_HEIGHT, s.now(), s.now().plusSeconds(3600), null, details));

        assertThat(p.effectiveGrade()).isEqualTo(expected);
    }

    @Test
    void below_two_metres_is_not_work_at_height() {
        Scenario s = new Scenario();
        Decision d = s.apply(s.application(WorkType.WORK_AT_HEIGHT, s.now(), s.now().plusSeconds(3600), null,
                WorkDetails.builder().workingHeightM(1.99).build()));

        assertThat(codes(d)).containsExactly("NOT_WORK_AT_HEIGHT");
    }

    @ParameterizedTest
    @CsvSource({"NEAR_OPENING, CLASS_II", "INSIDE_EQUIPMENT, CLASS_II", "RAIN, CLASS_IV", "LIVE_WORK, CLASS_IV"})
    void table_b1_situations_raise_the_height_class(HeightSituation situation, Grade expected) {
        Scenario s = new Scenario();
        Permit p = s.applied(s.application(WorkType.WORK_AT_HEIGHT, s.now(), s.now().plusSeconds(3600), null,
                WorkDetails.builder().workingHeightM(3.0).outdoor(false).heightSituations(Set.of(situation)).build()));

        assertThat(p.effectiveGrade()).isEqualTo(expected);
        assertThat(p.terms().escalations()).containsExactly(EscalationReason.HEIGHT_SITUATION);
    }

    @Test
    void outdoor_work_at_height_at_night_is_class_iv() {
        Scenario s = new Scenario(local("2025-03-04T08:00"));
        Permit p = s.applied(s.application(WorkType.WORK_AT_HEIGHT, local("2025-03-04T20:00"), local("2025-03-04T23:00"),
                null, WorkDetails.builder().workingHeightM(3.0).outdoor(true).build()));

        assertThat(p.effectiveGrade()).isEqualTo(Grade.CLASS_IV);
        assertThat(p.terms().requiredApprovals()).containsExactly(ApproverRole.PLANT_MANAGER_OR_CHIEF_ENGINEER);
    }

    @ParameterizedTest
    @CsvSource({"CLASS_I, false", "CLASS_II, true", "CLASS_IV, true"})
    void a_stated_height_class_may_be_higher_never_lower(Grade declared, boolean accepted) {
        Scenario s = new Scenario();
        Decision d = s.apply(s.application(WorkType.WORK_AT_HEIGHT, s.now(), s.now().plusSeconds(3600), declared,
                WorkDetails.builder().workingHeightM(10.0).outdoor(false).build()));

        if (accepted) {
            assertThat(s.accepted(d).effectiveGrade()).isEqualTo(declared);
        } else {
            assertThat(codes(d)).containsExactly("GRADE_BELOW_REQUIRED");
        }
    }

    // ---- lifting ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} t → {1}")
    @CsvSource({
            "9.99, GRADE_3, true", "10, GRADE_3, false", "39.99, GRADE_3, false", "40, GRADE_2, false",
            "100, GRADE_2, false", "100.01, GRADE_1, false"})
    void lifting_grade_follows_the_load(double tonnes, Grade expected, boolean noPermitNeededWarning) {
        Scenario s = new Scenario();
        Decision d = s.apply(s.application(WorkType.LIFTING, s.now(), s.now().plusSeconds(3600), null,
                WorkDetails.builder().liftLoadTonnes(tonnes).build()));

        assertThat(s.accepted(d).effectiveGrade()).isEqualTo(expected);
        assertThat(warningCodes(d).contains("LIFTING_PERMIT_NOT_REQUIRED")).isEqualTo(noPermitNeededWarning);
    }

    @Test
    void a_stated_lifting_grade_below_the_load_is_refused() {
        Scenario s = new Scenario();
        Decision d = s.apply(s.application(WorkType.LIFTING, s.now(), s.now().plusSeconds(3600), Grade.GRADE_3,
                WorkDetails.builder().liftLoadTonnes(50.0).build()));

        assertThat(codes(d)).containsExactly("GRADE_BELOW_REQUIRED");
    }

    @ParameterizedTest
    @CsvSource({"HOT_WORK, ", "HOT_WORK, CLASS_I", "ROAD_CLOSURE, GRADE_1", "CONFINED_SPACE, SPECIAL"})
    void grades_must_fit_the_work_type(WorkType type, Grade grade) {
        Scenario s = new Scenario();
        Decision d = s.apply(s.application(type, s.now(), s.now().plusSeconds(3600), grade, Scenario.defaultDetails(type)));

        assertThat(codes(d)).singleElement().isIn("GRADE_MISSING", "GRADE_INVALID_FOR_WORK_TYPE", "GRADE_NOT_APPLICABLE");
    }
}
