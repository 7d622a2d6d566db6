package org.permithub.core.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.permithub.core.approval.ApprovalData;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.gas.GasTestData;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Decision;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.Scenario;
import org.permithub.core.permit.Violation;
import org.permithub.core.permit.WorkDetails;
import org.permithub.core.permit.WorkType;

/** Malformed JSON action data is refused with ACTION_DATA_INVALID naming the field; nothing escapes decide(). */
class ActionDataTest {

    @Test
    void approval_data_parses_jackson_shapes() {
        Map<String, Object> data = Map.of("approverId", "u-1", "approverRole", "safety_department",
                "lat", 38, "lon", 114.5d, "at", "2025-03-04T09:40:00+08:00");

        ApprovalData parsed = ApprovalData.parse(data);

        assertThat(parsed.approverRole()).isEqualTo(ApproverRole.SAFETY_DEPARTMENT);
        assertThat(parsed.position().lat()).isEqualTo(38.0);
        assertThat(parsed.at()).isEqualTo(java.time.Instant.parse("2025-03-04T01:40:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "approverId missing | approverId | is required",
            "role unknown | approverRole | unknown value 'BOSS'",
            "lat a string | lat | expected a number",
            "at without offset | at | ISO-8601",
            "lat out of range | lat | latitude",
    })
    void approval_problems_name_the_field(String caseName, String field, String message) {
        Map<String, Object> data = new HashMap<>(Map.of("approverId", "u-1", "approverRole", "LOCAL_UNIT",
                "lat", 38.05, "lon", 114.5, "at", "2025-03-04T09:40:00+08:00"));
        switch (caseName) {
            case "approverId missing" -> data.remove("approverId");
            case "role unknown" -> data.put("approverRole", "BOSS");
            case "lat a string" -> data.put("lat", "38.05");
            case "at without offset" -> data.put("at", "2025-03-04 09:40");
            case "lat out of range" -> data.put("lat", 91.0);
            default -> throw new IllegalArgumentException(caseName);
        }

        assertThatThrownBy(() -> ApprovalData.parse(data))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void gas_reading_problems_name_the_indexed_field() {
        Map<String, Object> good = Map.of("gas", "CH4", "value", 1, "unit", "%LEL", "sampledAt", "2025-03-04T01:00:00Z");
        Map<String, Object> bad = new HashMap<>(good);
        bad.put("value", "1");

        assertThatThrownBy(() -> GasTestData.parse(Map.of("analystId", "a", "readings", List.of(good, bad))))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.field()).isEqualTo("readings[1].value"));
        Map<String, Object> onlyLat = new HashMap<>(good);
        onlyLat.put("lat", 38.0);
        assertThatThrownBy(() -> GasTestData.parse(Map.of("analystId", "a", "readings", List.of(onlyLat))))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.field()).isEqualTo("readings[0].lon"));
        assertThatThrownBy(() -> GasTestData.parse(Map.of("analystId", "a", "readings", List.of())))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.field()).isEqualTo("readings"));
        assertThatThrownBy(() -> GasTestData.parse(Map.of("analystId", "a", "readings", List.of("CH4"))))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.field()).isEqualTo("readings[0]"));
    }

    @Test
    void work_details_problems_name_the_field() {
        assertThatThrownBy(() -> WorkDetails.parse(Map.of("workingHeightM", "high")))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.field()).isEqualTo("workingHeightM"));
        assertThatThrownBy(() -> WorkDetails.parse(Map.of("activities", List.of("PAINTING", "DANCING"))))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.field()).isEqualTo("activities[1]"));
        assertThat(WorkDetails.parse(Map.of("workingHeightM", 12, "heightHazards", List.of("slippery-footing"))).heightHazards())
                .hasSize(1);
    }

    @Test
    void decide_turns_bad_data_into_a_rejection_naming_the_field() {
        Scenario s = new Scenario();
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));
        Permit active = s.active(s.application(WorkType.CONFINED_SPACE));

        assertDataInvalid(s.act(applied, ActionType.APPROVE, Map.of("approverRole", "LOCAL_UNIT")), "approverId");
        assertDataInvalid(s.act(active, ActionType.SUSPEND, Map.of()), "reason");
        assertDataInvalid(s.act(active, ActionType.ENTRY, Map.of("subjectId", "w-1")), "kind");
        assertDataInvalid(s.act(active, ActionType.COMPLETE, Map.of()), "acceptedBy");
        assertDataInvalid(s.act(active, ActionType.CHANGE, Map.of("kind", "COLOUR", "description", "x")), "kind");
        assertDataInvalid(s.act(active, ActionType.GAS_TEST, Map.of("analystId", "a", "readings", "none")), "readings");
        assertDataInvalid(s.act(active, ActionType.CONFIRM_ISOLATION, Map.of("method", "BLIND_PLATE")), "pointIds");
    }

    @Test
    void decide_never_throws() {
        Scenario s = new Scenario();
        Permit applied = s.applied(s.application(WorkType.HOT_WORK));

        assertThat(s.lifecycle.decide(applied, null, s.ctx())).isInstanceOf(Decision.Rejected.class);
        assertThat(s.lifecycle.decide(null, new org.permithub.core.permit.PermitAction(ActionType.START, null, "a", null), s.ctx()))
                .isInstanceOf(Decision.Rejected.class);
        Map<String, Object> weird = new HashMap<>();
        weird.put("approverId", List.of(Map.of()));
        assertThat(s.act(applied, ActionType.APPROVE, weird)).isInstanceOf(Decision.Rejected.class);
    }

    private static void assertDataInvalid(Decision decision, String field) {
        assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class, r -> {
            Violation v = r.violations().get(0);
            assertThat(v.code()).isEqualTo("ACTION_DATA_INVALID");
            assertThat(v.detail()).contains("'" + field + "'");
        });
    }
}
