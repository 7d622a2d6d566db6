package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB 30871-2022 §10.8 (temporary power) and §7.11 (blind plates). */
class TemporaryPowerAndBlindPlateTest {

    private static PermitApplication power(Scenario s, String parent, Duration startOffset, Duration end) {
        return s.application(WorkType.TEMPORARY_POWER, s.now().plus(startOffset), s.now().plus(end), null,
                WorkDetails.builder().parentPermitNo(parent).build());
    }

    @ParameterizedTest(name = "power ends {0} min after the hot-work permit starts (which ends at 240): {1}")
    @CsvSource({"239, ''", "240, ''", "241, TEMPORARY_POWER_OUTLASTS_PARENT"})
    void temporary_power_never_outlasts_the_permit_it_serves(long endMinutes, String code) {
        Scenario s = new Scenario();
        Permit hot = s.applied(s.application(WorkType.HOT_WORK));

        Decision d = s.apply(power(s, hot.permitNo(), Duration.ZERO, Duration.ofMinutes(endMinutes)));

        assertThat(codes(d)).isEqualTo(code.isEmpty() ? List.of() : List.of(code));
    }

    @Test
    void temporary_power_does_not_start_before_the_permit_it_serves() {
        Scenario s = new Scenario();
        PermitApplication hotApp = s.application(WorkType.HOT_WORK, s.now().plusSeconds(600), s.now().plusSeconds(7200),
                Grade.GRADE_2, WorkDetails.builder().outdoor(true).build());
        Permit hot = s.applied(hotApp);

        assertThat(codes(s.apply(power(s, hot.permitNo(), Duration.ZERO, Duration.ofHours(1)))))
                .containsExactly("TEMPORARY_POWER_OUTLASTS_PARENT");
    }

    @Test
    void the_parent_must_be_known_hot_work_or_confined_space_and_open() {
        Scenario s = new Scenario();
        Permit lifting = s.applied(s.application(WorkType.LIFTING));
        Permit confined = s.applied(s.application(WorkType.CONFINED_SPACE));

        assertThat(codes(s.apply(power(s, "P-404", Duration.ZERO, Duration.ofHours(1))))).containsExactly("PARENT_PERMIT_UNKNOWN");
        assertThat(codes(s.apply(power(s, lifting.permitNo(), Duration.ZERO, Duration.ofHours(1)))))
                .containsExactly("PARENT_PERMIT_WRONG_TYPE");
        assertThat(s.apply(power(s, confined.permitNo(), Duration.ZERO, Duration.ofHours(1)))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void power_cannot_start_once_its_parent_is_closed() {
        Scenario s = new Scenario();
        Permit hot = s.applied(s.application(WorkType.HOT_WORK));
        Permit powerReady = s.approved(power(s, hot.permitNo(), Duration.ZERO, Duration.ofHours(2)));
        s.accepted(s.act(hot, ActionType.CANCEL, Map.of("reason", "called off")));

        assertThat(codes(s.act(powerReady, ActionType.START, Map.of()))).containsExactly("PARENT_PERMIT_CLOSED");
    }

    @ParameterizedTest(name = "{0} plates: accepted={1}")
    @CsvSource({"0, false", "1, true", "2, false"})
    void one_blind_plate_per_permit(int plates, boolean accepted) {
        Scenario s = new Scenario();
        List<String> numbers = List.of("BP-1", "BP-2").subList(0, plates);
        Decision d = s.apply(s.application(WorkType.BLIND_PLATE, s.now(), s.now().plusSeconds(3600), null,
                Scenario.defaultDetails(WorkType.BLIND_PLATE).toBuilder().blindPlateNumbers(numbers).build()));

        assertThat(codes(d)).isEqualTo(accepted ? List.of() : List.of("BLIND_PLATE_ONE_PLATE_PER_PERMIT"));
    }

    @Test
    void a_blind_plate_permit_names_one_action_and_its_pipe() {
        Scenario s = new Scenario();
        Decision d = s.apply(s.application(WorkType.BLIND_PLATE, s.now(), s.now().plusSeconds(3600), null,
                WorkDetails.builder().blindPlateNumbers(List.of("BP-1")).build()));

        assertThat(codes(d)).containsExactlyInAnyOrder("BLIND_PLATE_ACTION_MISSING", "WORK_DETAIL_MISSING");
    }
}
