package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.permithub.core.credential.InsuranceCover;
import org.permithub.core.credential.InsuranceStatus;

/** A tracked contractor worker needs work-injury cover on the day of START and RESUME (Work Safety Law Art. 51). */
class InsuranceAtStartTest {

    private static Decision start(Scenario s, Permit p) {
        return s.act(p, ActionType.START, Map.of());
    }

    @Test
    void workers_whose_insurance_is_not_tracked_start_as_before() {
        Scenario s = new Scenario();
        assertThat(start(s, s.ready(s.application(WorkType.HOT_WORK)))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void an_insured_worker_covered_today_starts() {
        Scenario s = new Scenario();
        LocalDate today = s.today();
        s.context.putInsuranceCover(new InsuranceCover(Scenario.WORKER_1, InsuranceStatus.INSURED, today, today));

        assertThat(start(s, s.ready(s.application(WorkType.HOT_WORK)))).isInstanceOf(Decision.Accepted.class);
    }

    @ParameterizedTest
    @EnumSource(value = WorkType.class)
    void an_uninsured_worker_cannot_start_whatever_the_work(WorkType type) {
        Scenario s = new Scenario();
        s.context.putInsuranceCover(new InsuranceCover(Scenario.WORKER_2, InsuranceStatus.NOT_INSURED, null, null));

        Decision d = start(s, s.ready(s.application(type)));

        assertThat(codes(d)).containsExactly("INSURANCE_NOT_COVERED");
        assertThat(Scenario.violation(d, "INSURANCE_NOT_COVERED").detail()).contains(Scenario.WORKER_2);
    }

    @Test
    void cover_that_ended_yesterday_or_starts_tomorrow_does_not_count() {
        Scenario s = new Scenario();
        LocalDate today = s.today();
        Permit ready = s.ready(s.application(WorkType.HOT_WORK));

        s.context.putInsuranceCover(new InsuranceCover(Scenario.WORKER_1, InsuranceStatus.INSURED,
                today.minusYears(1), today.minusDays(1)));
        assertThat(codes(start(s, ready))).containsExactly("INSURANCE_NOT_COVERED");

        s.context.putInsuranceCover(new InsuranceCover(Scenario.WORKER_1, InsuranceStatus.INSURED,
                today.plusDays(1), null));
        assertThat(codes(start(s, ready))).containsExactly("INSURANCE_NOT_COVERED");

        s.context.putInsuranceCover(new InsuranceCover(Scenario.WORKER_1, InsuranceStatus.INSURED, today, null));
        assertThat(start(s, ready)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void a_check_that_has_not_answered_yet_blocks_start() {
        Scenario s = new Scenario();
        s.context.putInsuranceCover(InsuranceCover.unverified(Scenario.WORKER_1));

        assertThat(codes(start(s, s.ready(s.application(WorkType.HOT_WORK))))).containsExactly("INSURANCE_UNVERIFIED");
    }
}
