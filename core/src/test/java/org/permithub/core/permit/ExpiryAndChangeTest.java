package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;
import static org.permithub.core.permit.Scenario.warningCodes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.permithub.core.action.ChangeKind;

/** GB 30871-2022 §4.16, §4.17. */
class ExpiryAndChangeTest {

    @ParameterizedTest(name = "{0} s after the validity end: due={1}")
    @CsvSource({"-1, false", "0, true", "1, true"})
    void the_scheduler_gets_an_expire_action_once_the_validity_end_is_reached(long offset, boolean due) {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.HOT_WORK, Duration.ofHours(2)));
        var at = active.validUntil().plusSeconds(offset);

        var action = s.lifecycle.expiryAction(active, at);

        assertThat(action.isPresent()).isEqualTo(due);
        assertThat(s.lifecycle.dueForExpiry(List.of(active), at)).hasSize(due ? 1 : 0);
        action.ifPresent(a -> {
            assertThat(a.type()).isEqualTo(ActionType.EXPIRE);
            assertThat(a.actor()).isEqualTo(PermitLifecycle.SYSTEM_ACTOR);
            Permit expired = s.accepted(s.lifecycle.decide(active, a, s.context.at(at)));
            assertThat(expired.state()).isEqualTo(PermitState.EXPIRED);
        });
    }

    @Test
    void expire_before_the_end_is_refused_and_closed_permits_never_expire() {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.HOT_WORK, Duration.ofHours(2)));
        Permit completed = s.accepted(s.act(active, ActionType.COMPLETE, Map.of("acceptedBy", "u")));

        assertThat(codes(s.act(active, ActionType.EXPIRE, Map.of()))).containsExactly("EXPIRY_NOT_DUE");
        assertThat(s.lifecycle.expiryAction(completed, completed.validUntil().plusSeconds(60))).isEmpty();
    }

    @Test
    void nothing_starts_approves_or_tests_at_or_after_the_validity_end() {
        Scenario s = new Scenario();
        Permit ready = s.ready(s.application(WorkType.ROAD_CLOSURE, Duration.ofHours(1)));
        s.advance(Duration.ofHours(1));

        Decision d = s.act(ready, ActionType.START, Map.of());

        assertThat(codes(d)).containsExactly("PERMIT_VALIDITY_PASSED");
        assertThat(Scenario.violation(d, "PERMIT_VALIDITY_PASSED").clause()).isEqualTo("GB30871-2022 §4.16");
    }

    @ParameterizedTest
    @EnumSource(ChangeKind.class)
    void a_change_voids_the_permit_and_a_new_one_is_needed(ChangeKind kind) {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.HOT_WORK));

        Decision d = s.act(active, ActionType.CHANGE, Map.of("kind", kind.name(), "description", "moved"));
        Permit voided = s.accepted(d);

        assertThat(voided.state()).isEqualTo(PermitState.CANCELLED);
        assertThat(voided.invalidation().kind()).isEqualTo(kind);
        assertThat(voided.invalidation().clause()).isEqualTo(
                kind.ordinal() <= ChangeKind.LOCATION.ordinal() ? "GB30871-2022 §4.16" : "GB30871-2022 §4.17");
        assertThat(warningCodes(d)).containsExactly("PERMIT_INVALIDATED");
        assertThat(codes(s.act(voided, ActionType.RESUME, Map.of()))).containsExactly("ACTION_NOT_ALLOWED_IN_STATE");
    }

    @Test
    void cancel_is_refused_while_anyone_is_inside_but_a_change_is_recorded_with_a_warning() {
        Scenario s = new Scenario();
        Permit active = s.active(s.application(WorkType.CONFINED_SPACE));
        Permit inside = s.accepted(s.act(active, ActionType.ENTRY, Map.of("subjectId", "w-1", "kind", "PERSON")));
        Permit paused = s.accepted(s.act(inside, ActionType.SUSPEND, Map.of("reason", "x")));

        assertThat(codes(s.act(paused, ActionType.CANCEL, Map.of()))).containsExactly("OCCUPANTS_INSIDE");
        Decision change = s.act(paused, ActionType.CHANGE, Map.of("kind", "SCOPE", "description", "bigger"));
        assertThat(warningCodes(change)).containsExactly("PERMIT_INVALIDATED", "OCCUPANTS_INSIDE");
        assertThat(s.act(s.accepted(change), ActionType.EXIT, Map.of("subjectId", "w-1", "kind", "PERSON")))
                .isInstanceOf(Decision.Accepted.class);
    }
}
