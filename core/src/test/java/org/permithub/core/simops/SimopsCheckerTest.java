package org.permithub.core.simops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;
import org.permithub.core.site.GeoPoint;

class SimopsCheckerTest {

    private static final GeoPoint ORIGIN = new GeoPoint(38.05, 114.5);
    private static final Instant T = Instant.parse("2025-03-04T01:00:00Z");

    private static SimopsOperation op(String no, WorkType type, Set<SimopsActivity> activities, GeoPoint at, PermitState state) {
        return new SimopsOperation(no, type, activities, at, "z-" + no, null, null, null, T, T.plusSeconds(3600), state);
    }

    @Test
    void a_distance_equal_to_the_rule_distance_conflicts() {
        GeoPoint painting = ORIGIN.offsetMetres(7, 11);
        double exact = ORIGIN.distanceMetresTo(painting);
        SimopsRuleTable table = new SimopsRuleTable(List.of(new SimopsRule("R", SimopsActivity.HOT_WORK,
                SimopsActivity.PAINTING, SimopsRelation.WITHIN_DISTANCE, exact, SimopsOutcome.REJECT, "c", "d")));
        SiteOperationsIndex index = new SiteOperationsIndex();
        index.upsert(op("P-2", WorkType.ROAD_CLOSURE, Set.of(SimopsActivity.PAINTING), painting, PermitState.ACTIVE));

        SimopsOperation hot = op("P-1", WorkType.HOT_WORK, Set.of(), ORIGIN, PermitState.APPROVED);

        assertThat(SimopsChecker.check(hot, index, table, SimopsPhase.START)).hasSize(1);
        SimopsRuleTable justUnder = new SimopsRuleTable(List.of(new SimopsRule("R", SimopsActivity.HOT_WORK,
                SimopsActivity.PAINTING, SimopsRelation.WITHIN_DISTANCE, Math.nextDown(exact), SimopsOutcome.REJECT, "c", "d")));
        assertThat(SimopsChecker.check(hot, index, justUnder, SimopsPhase.START)).isEmpty();
    }

    @Test
    void rules_apply_either_way_round_and_never_against_the_permit_itself() {
        SiteOperationsIndex index = new SiteOperationsIndex();
        SimopsOperation hot = op("P-1", WorkType.HOT_WORK, Set.of(), ORIGIN, PermitState.ACTIVE);
        index.upsert(hot);
        SimopsOperation venting = op("P-2", WorkType.ROAD_CLOSURE, Set.of(SimopsActivity.COMBUSTIBLE_GAS_VENTING),
                ORIGIN.offsetMetres(20, 0), PermitState.APPROVED);

        assertThat(SimopsChecker.check(venting, index, SimopsRuleTable.gb30871(), SimopsPhase.START))
                .extracting(f -> f.rule().id()).containsExactly("HOT_WORK_GAS_VENTING_30M");
        assertThat(SimopsChecker.check(hot, index, SimopsRuleTable.gb30871(), SimopsPhase.START)).isEmpty();
    }

    @Test
    void start_phase_counts_only_active_operations() {
        SiteOperationsIndex index = new SiteOperationsIndex();
        index.upsert(op("P-2", WorkType.ROAD_CLOSURE, Set.of(SimopsActivity.PAINTING), ORIGIN, PermitState.SUSPENDED));
        SimopsOperation hot = op("P-1", WorkType.HOT_WORK, Set.of(), ORIGIN, PermitState.GAS_TESTED);

        assertThat(SimopsChecker.check(hot, index, SimopsRuleTable.gb30871(), SimopsPhase.START)).isEmpty();
        assertThat(SimopsChecker.check(hot, index, SimopsRuleTable.gb30871(), SimopsPhase.APPLY)).hasSize(1);
    }

    @Test
    void rule_text_parses_and_bad_text_is_refused_with_the_rule_id() {
        SimopsRule rule = SimopsRuleTable.parseRule("SITE_7", "HOT_WORK;PAINTING;WITHIN_DISTANCE;15;REJECT;site rule 7;painting within 15 m");

        assertThat(rule.distanceM()).isEqualTo(15);
        assertThat(rule.clause()).isEqualTo("site rule 7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimopsRuleTable.parseRule("BAD", "HOT_WORK;PAINT;WITHIN_DISTANCE;15;REJECT"))
                .hasMessageContaining("BAD");
    }
}
