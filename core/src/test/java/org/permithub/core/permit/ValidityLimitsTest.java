package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GB 30871-2022 §5.1.5, §6.10, §8.2.11, §10.8: at, just under and just over each limit. */
class ValidityLimitsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    static Stream<Arguments> windows() {
        return Stream.of(
                limit(WorkType.HOT_WORK, Grade.SPECIAL, false, false, Duration.ofHours(8)),
                limit(WorkType.HOT_WORK, Grade.GRADE_1, false, false, Duration.ofHours(8)),
                limit(WorkType.HOT_WORK, Grade.GRADE_2, true, false, Duration.ofHours(72)),
                limit(WorkType.CONFINED_SPACE, null, false, false, Duration.ofHours(24)),
                limit(WorkType.WORK_AT_HEIGHT, null, true, false, Duration.ofDays(7)),
                limit(WorkType.TEMPORARY_POWER, null, false, false, Duration.ofDays(15)),
                limit(WorkType.TEMPORARY_POWER, null, false, true, Duration.ofDays(30)))
                .flatMap(a -> a);
    }

    private static Stream<Arguments> limit(WorkType type, Grade grade, boolean dayShiftOnly, boolean specialCase,
                                           Duration max) {
        return Stream.of(
                Arguments.of(type, grade, dayShiftOnly, specialCase, max.minus(MINUTE), true),
                Arguments.of(type, grade, dayShiftOnly, specialCase, max, true),
                Arguments.of(type, grade, dayShiftOnly, specialCase, max.plus(MINUTE), false));
    }

    @ParameterizedTest(name = "{0} {1} window {4}: accepted={5}")
    @MethodSource("windows")
    void planned_window_is_limited_per_type_and_grade(WorkType type, Grade grade, boolean dayShiftOnly,
                                                       boolean specialCase, Duration window, boolean accepted) {
        Scenario s = new Scenario();
        WorkDetails details = Scenario.defaultDetails(type).toBuilder()
                .dayShiftOnly(dayShiftOnly).temporaryPowerSpecialCase(specialCase).build();

        Decision d = s.apply(s.application(type, s.now(), s.now().plus(window), grade, details));

        if (accepted) {
            assertThat(d).isInstanceOf(Decision.Accepted.class);
        } else {
            assertThat(codes(d)).containsExactly("VALIDITY_TOO_LONG");
            assertThat(Scenario.violation(d, "VALIDITY_TOO_LONG").clause())
                    .isEqualTo(ValidityLimits.clauseFor(type, specialCase));
        }
    }

    @ParameterizedTest
    @MethodSource("typesWithoutLimit")
    void types_without_a_gb_limit_accept_long_windows(WorkType type) {
        Scenario s = new Scenario();
        assertThat(s.apply(s.application(type, Duration.ofDays(60)))).isInstanceOf(Decision.Accepted.class);
    }

    static Stream<WorkType> typesWithoutLimit() {
        return Stream.of(WorkType.LIFTING, WorkType.BLIND_PLATE, WorkType.EXCAVATION, WorkType.ROAD_CLOSURE);
    }
}
