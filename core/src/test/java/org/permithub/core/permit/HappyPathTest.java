package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.permithub.core.approval.ApproverRole;

class HappyPathTest {

    @ParameterizedTest
    @EnumSource(WorkType.class)
    void apply_approve_gas_test_start_reaches_active_for_every_work_type(WorkType type) {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(type));

        assertThat(active.state()).isEqualTo(PermitState.ACTIVE);
        assertThat(active.activeSince()).isEqualTo(s.now());
        assertThat(active.missingApprovals()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(WorkType.class)
    void completes_and_archives_after_work(WorkType type) {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(type));
        Permit completed = s.accepted(s.act(active, ActionType.COMPLETE, Map.of("acceptedBy", "u-unit-lead")));
        Permit archived = s.accepted(s.act(completed, ActionType.ARCHIVE, Map.of()));

        assertThat(completed.state()).isEqualTo(PermitState.COMPLETED);
        assertThat(archived.state()).isEqualTo(PermitState.ARCHIVED);
        assertThat(archived.version()).isEqualTo(active.version() + 2);
    }

    @Test
    void each_accepted_action_bumps_the_version_and_records_its_type() {
        Scenario s = new Scenario();
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));
        Permit approved = s.accepted(s.act(applied, ActionType.APPROVE, s.approval(ApproverRole.LOCAL_UNIT)));

        assertThat(applied.version()).isEqualTo(1);
        assertThat(applied.lastAction()).isEqualTo(ActionType.APPLY);
        assertThat(approved.version()).isEqualTo(2);
        assertThat(approved.lastAction()).isEqualTo(ActionType.APPROVE);
        assertThat(approved.approvals()).singleElement().satisfies(r -> assertThat(r.role()).isEqualTo(ApproverRole.LOCAL_UNIT));
    }

    @Test
    void a_context_that_only_knows_the_time_refuses_apply_instead_of_passing_it() {
        Scenario s = new Scenario();
        DecisionContext bare = s::now;

        Decision d = s.lifecycle.apply(s.application(WorkType.HOT_WORK), "applicant", bare);

        assertThat(codes(d)).contains("ZONE_UNKNOWN", "SITE_CALENDAR_UNKNOWN", "WIND_UNKNOWN", "SIMOPS_STATE_UNKNOWN");
    }

    @Test
    void a_context_that_only_knows_the_time_refuses_start() {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(WorkType.HOT_WORK));
        DecisionContext bare = s::now;

        Decision d = s.lifecycle.decide(ready, new PermitAction(ActionType.START, Map.of(), "t", s.now()), bare);

        assertThat(codes(d)).contains("CERTIFICATE_MISSING", "GUARDIAN_TRAINING_MISSING", "SITE_CALENDAR_UNKNOWN",
                "WIND_UNKNOWN", "SIMOPS_STATE_UNKNOWN");
    }

    @Test
    void the_original_permit_constructor_and_accepted_constructor_still_work() {
        Scenario s = new Scenario();
        PermitApplication legacy = new PermitApplication("P-L", Scenario.ENTERPRISE, Scenario.SITE, WorkType.HOT_WORK,
                Grade.GRADE_1, new Location(Scenario.ZONE, 38.05, 114.5), "x", s.now(), s.now().plusSeconds(3600),
                java.util.List.of("w-1"), "g-1");
        Permit permit = new Permit(legacy, PermitState.APPLIED, 1, ActionType.APPLY, s.now(), s.now());

        assertThat(legacy.details()).isEqualTo(WorkDetails.NONE);
        assertThat(permit.terms().requiredApprovals()).containsExactly(ApproverRole.SAFETY_DEPARTMENT);
        assertThat(new Decision.Accepted(permit).warnings()).isEmpty();
    }
}
