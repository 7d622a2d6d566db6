package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.WORK_POINT;
import static org.permithub.core.permit.Scenario.codes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.permithub.core.approval.ApprovalMatrix;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.profile.SiteRuleProfileLoader;
import org.permithub.core.site.GeoPoint;
import org.permithub.core.site.SiteZone;

/** GB 30871-2022 §4.11 and Table B.1. */
class ApprovalTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "HOT_WORK, SPECIAL, SENIOR_LEADER", "HOT_WORK, GRADE_1, SAFETY_DEPARTMENT", "HOT_WORK, GRADE_2, LOCAL_UNIT",
            "CONFINED_SPACE, , LOCAL_UNIT", "BLIND_PLATE, , LOCAL_UNIT",
            "WORK_AT_HEIGHT, CLASS_I, LOCAL_UNIT", "WORK_AT_HEIGHT, CLASS_II, SPECIALIST_DEPARTMENT",
            "WORK_AT_HEIGHT, CLASS_III, SPECIALIST_DEPARTMENT", "WORK_AT_HEIGHT, CLASS_IV, PLANT_MANAGER_OR_CHIEF_ENGINEER",
            "LIFTING, GRADE_1, PLANT_MANAGER_OR_CHIEF_ENGINEER", "LIFTING, GRADE_2, SPECIALIST_DEPARTMENT",
            "LIFTING, GRADE_3, SPECIALIST_DEPARTMENT", "TEMPORARY_POWER, , POWER_SUPPLY_UNIT",
            "EXCAVATION, , SPECIALIST_DEPARTMENT", "ROAD_CLOSURE, , SPECIALIST_DEPARTMENT",
    })
    void table_b1(WorkType type, Grade grade, ApproverRole role) {
        assertThat(ApprovalMatrix.approverFor(type, grade)).isEqualTo(role);
    }

    @Test
    void the_approver_role_must_match_table_b1() {
        Scenario s = new Scenario();
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));

        Decision d = s.act(applied, ActionType.APPROVE, s.approval(ApproverRole.SAFETY_DEPARTMENT));

        assertThat(codes(d)).containsExactly("APPROVER_ROLE_MISMATCH");
        assertThat(Scenario.violation(d, "APPROVER_ROLE_MISMATCH").clause()).isEqualTo("GB30871-2022 Table B.1");
    }

    @Test
    void the_approver_must_hold_the_role_claimed() {
        Scenario s = new Scenario();
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));
        Map<String, Object> data = new java.util.HashMap<>(s.approval(ApproverRole.LOCAL_UNIT));
        data.put("approverId", "a-senior_leader");

        assertThat(codes(s.act(applied, ActionType.APPROVE, data))).containsExactly("APPROVER_ROLE_UNVERIFIED");
    }

    @ParameterizedTest(name = "{0} m from the centre of a 200 m zone: on site={1}")
    @CsvSource({"199.9, true", "200.1, false"})
    void approval_happens_inside_the_zone(double metres, boolean onSite) {
        Scenario s = new Scenario();
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));
        GeoPoint at = WORK_POINT.offsetMetres(0, metres);

        Decision d = s.act(applied, ActionType.APPROVE, Scenario.approval(ApproverRole.LOCAL_UNIT, at, s.now()));

        assertThat(codes(d)).isEqualTo(onSite ? List.of() : List.of("APPROVAL_NOT_ON_SITE"));
    }

    @Test
    void polygon_zones_work_too() {
        Scenario s = new Scenario();
        s.context.putZone(Scenario.SITE, Scenario.ZONE, new SiteZone.Polygon(List.of(
                WORK_POINT.offsetMetres(-50, -50), WORK_POINT.offsetMetres(-50, 50),
                WORK_POINT.offsetMetres(50, 50), WORK_POINT.offsetMetres(50, -50))));
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));

        assertThat(s.act(applied, ActionType.APPROVE, Scenario.approval(ApproverRole.LOCAL_UNIT,
                WORK_POINT.offsetMetres(40, 40), s.now()))).isInstanceOf(Decision.Accepted.class);
        assertThat(codes(s.act(applied, ActionType.APPROVE, Scenario.approval(ApproverRole.LOCAL_UNIT,
                WORK_POINT.offsetMetres(60, 0), s.now())))).containsExactly("APPROVAL_NOT_ON_SITE");
    }

    @ParameterizedTest(name = "signed {0} s relative to now: plausible={1}")
    @CsvSource({"-1, false", "0, true", "60, true", "61, false"})
    void the_signing_time_lies_between_application_and_now(long offsetSeconds, boolean plausible) {
        Scenario s = new Scenario();
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));
        // offsets below zero are taken from the application time, the rest from now (after 5 min)
        s.advance(Duration.ofMinutes(5));
        var when = offsetSeconds < 0 ? applied.appliedAt().plusSeconds(offsetSeconds) : s.now().plusSeconds(offsetSeconds);

        Decision d = s.act(applied, ActionType.APPROVE, Scenario.approval(ApproverRole.LOCAL_UNIT, WORK_POINT, when));

        assertThat(codes(d)).isEqualTo(plausible ? List.of() : List.of("APPROVAL_TIME_IMPLAUSIBLE"));
    }

    @Test
    void extra_approval_steps_of_a_site_profile_are_all_needed_and_each_signs_once() {
        Scenario s = new Scenario();
        s.context.putProfile(SiteRuleProfileLoader.fromMap(Scenario.SITE, "extra",
                Map.of("approval.extra.HOT_WORK", "SHIFT_LEADER")));
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));

        Permit first = s.accepted(s.act(applied, ActionType.APPROVE, s.approval(ApproverRole.LOCAL_UNIT)));
        assertThat(first.state()).isEqualTo(PermitState.APPLIED);
        assertThat(first.missingApprovals()).containsExactly(ApproverRole.SHIFT_LEADER);
        assertThat(codes(s.act(first, ActionType.APPROVE, s.approval(ApproverRole.LOCAL_UNIT))))
                .containsExactly("APPROVAL_ALREADY_RECORDED");
        Permit second = s.accepted(s.act(first, ActionType.APPROVE, s.approval(ApproverRole.SHIFT_LEADER)));
        assertThat(second.state()).isEqualTo(PermitState.APPROVED);
    }
}
