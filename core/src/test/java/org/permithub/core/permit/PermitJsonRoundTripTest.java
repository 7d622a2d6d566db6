package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.permithub.core.grading.HeightHazard;
import org.permithub.core.simops.SimopsActivity;

/** The hub stores the Permit an accepted decision returns as JSON and reads it back; nothing may be lost. */
class PermitJsonRoundTripTest {

    /** Strict: unknown properties fail, so a stray getter-derived property would show up here. */
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void a_permit_with_every_part_filled_survives_json() throws Exception {
        Scenario s = new Scenario();
        PermitApplication app = s.application(WorkType.CONFINED_SPACE, s.now(), s.now().plus(Duration.ofHours(4)), null,
                Scenario.defaultDetails(WorkType.CONFINED_SPACE).toBuilder()
                        .activities(Set.of(SimopsActivity.PAINTING)).heightHazards(Set.of(HeightHazard.POOR_VISIBILITY))
                        .outdoor(null).build());
        Permit permit = s.active(app);
        permit = s.accepted(s.act(permit, ActionType.ENTRY, Map.of("subjectId", "w-1", "kind", "PERSON")));
        permit = s.accepted(s.act(permit, ActionType.GAS_TEST, Scenario.failingGasTest(s.now())));
        permit = s.accepted(s.act(permit, ActionType.CHANGE, Map.of("kind", "SCOPE", "description", "bigger")));

        String json = mapper.writeValueAsString(permit);
        Permit back = mapper.readValue(json, Permit.class);

        assertThat(back).isEqualTo(permit);
        assertThat(back.occupancy().people()).containsExactly("w-1");
        assertThat(back.lastGasTest().failures()).isNotEmpty();
        assertThat(back.invalidation()).isNotNull();
        assertThat(back.application().details().outdoor()).isNull();
    }

    @Test
    void decisions_serialise_for_the_problem_body() throws Exception {
        Decision.Rejected rejected = new Decision.Rejected(List.of(new Violation("GAS_TEST_STALE", "GB30871-2022 §5.3.1c", "old")));
        assertThat(mapper.writeValueAsString(rejected)).contains("GB30871-2022 §5.3.1c");
    }
}
