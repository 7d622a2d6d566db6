package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;
import static org.permithub.core.permit.Scenario.warningCodes;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB 30871-2022 §6.8: people and tools in and out of a confined space. */
class HeadcountTest {

    private static Map<String, Object> person(String id) {
        return Map.of("subjectId", id, "kind", "PERSON");
    }

    private static Map<String, Object> tool(String id) {
        return Map.of("subjectId", id, "kind", "TOOL");
    }

    @Test
    void complete_is_refused_while_anyone_or_anything_is_inside() {
        Scenario s = new Scenario();
        Permit p = s.active(s.application(WorkType.CONFINED_SPACE));
        p = s.accepted(s.act(p, ActionType.ENTRY, person("w-1")));
        p = s.accepted(s.act(p, ActionType.ENTRY, tool("grinder-7")));
        Map<String, Object> signOff = Map.of("acceptedBy", "u-lead");

        Decision d = s.act(p, ActionType.COMPLETE, signOff);
        assertThat(codes(d)).containsExactly("OCCUPANTS_INSIDE");
        assertThat(Scenario.violation(d, "OCCUPANTS_INSIDE").detail()).contains("w-1").contains("grinder-7");

        p = s.accepted(s.act(p, ActionType.EXIT, person("w-1")));
        assertThat(codes(s.act(p, ActionType.COMPLETE, signOff))).containsExactly("OCCUPANTS_INSIDE");
        p = s.accepted(s.act(p, ActionType.EXIT, tool("grinder-7")));
        assertThat(s.accepted(s.act(p, ActionType.COMPLETE, signOff)).state()).isEqualTo(PermitState.COMPLETED);
    }

    @Test
    void the_guardian_stays_outside_and_only_workers_of_the_permit_enter() {
        Scenario s = new Scenario();
        Permit p = s.active(s.application(WorkType.CONFINED_SPACE));

        assertThat(codes(s.act(p, ActionType.ENTRY, person(Scenario.GUARDIAN)))).containsExactly("GUARDIAN_MUST_STAY_OUTSIDE");
        assertThat(codes(s.act(p, ActionType.ENTRY, person("stranger")))).containsExactly("ENTRY_PERSON_NOT_ON_PERMIT");
    }

    @Test
    void nobody_enters_twice_or_leaves_without_entering() {
        Scenario s = new Scenario();
        Permit p = s.accepted(s.act(s.active(s.application(WorkType.CONFINED_SPACE)), ActionType.ENTRY, person("w-1")));

        assertThat(codes(s.act(p, ActionType.ENTRY, person("w-1")))).containsExactly("SUBJECT_ALREADY_INSIDE");
        assertThat(codes(s.act(p, ActionType.EXIT, person("w-2")))).containsExactly("SUBJECT_NOT_INSIDE");
        assertThat(codes(s.act(p, ActionType.EXIT, tool("w-1")))).containsExactly("SUBJECT_NOT_INSIDE");
    }

    @Test
    void headcount_is_only_for_confined_space_rules() {
        Scenario s = new Scenario();
        Permit hot = s.active(s.application(WorkType.HOT_WORK));

        assertThat(codes(s.act(hot, ActionType.ENTRY, person("w-1")))).containsExactly("HEADCOUNT_NOT_APPLICABLE");
    }

    @ParameterizedTest(name = "excavation {0} m in hazardous area={1}: confined rules={2}")
    @CsvSource({"1.2, true, false", "1.21, true, true", "3.0, false, false"})
    void deep_excavation_in_a_hazardous_area_follows_confined_space_rules(double depth, boolean hazardous, boolean confined) {
        Scenario s = new Scenario();
        PermitApplication app = s.application(WorkType.EXCAVATION, s.now(), s.now().plusSeconds(7200), null,
                WorkDetails.builder().excavationDepthM(depth).inHazardousArea(hazardous).build());
        Permit approved = s.approved(app);

        Decision start = s.act(approved, ActionType.START, Map.of());

        assertThat(codes(start).contains("GAS_TEST_MISSING")).isEqualTo(confined);
        Permit active = s.active(s.application(WorkType.EXCAVATION, s.now(), s.now().plusSeconds(7200), null,
                app.details()));
        assertThat(s.act(active, ActionType.ENTRY, person("w-1")) instanceof Decision.Accepted).isEqualTo(confined);
    }

    @Test
    void people_still_inside_at_expiry_can_come_out_and_block_archiving() {
        Scenario s = new Scenario();
        Permit p = s.accepted(s.act(s.active(s.application(WorkType.CONFINED_SPACE, Duration.ofHours(2))),
                ActionType.ENTRY, person("w-2")));
        s.advance(Duration.ofHours(2));

        Decision expire = s.act(p, ActionType.EXPIRE, Map.of());
        Permit expired = s.accepted(expire);
        assertThat(expired.state()).isEqualTo(PermitState.EXPIRED);
        assertThat(warningCodes(expire)).contains("OCCUPANTS_INSIDE");
        assertThat(codes(s.act(expired, ActionType.ARCHIVE, Map.of()))).containsExactly("OCCUPANTS_INSIDE");

        Permit out = s.accepted(s.act(expired, ActionType.EXIT, person("w-2")));
        assertThat(out.state()).isEqualTo(PermitState.EXPIRED);
        assertThat(s.accepted(s.act(out, ActionType.ARCHIVE, Map.of())).state()).isEqualTo(PermitState.ARCHIVED);
    }
}
