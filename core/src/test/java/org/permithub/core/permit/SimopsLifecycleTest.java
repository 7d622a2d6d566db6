package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.core.permit.Scenario.codes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.permithub.core.simops.SimopsActivity;
import org.permithub.core.site.GeoPoint;

/** SIMOPS on APPLY and START: GB 30871-2022 §4.7, §5.2.8, §5.2.9, §6.7, §7.6, §7.10. */
class SimopsLifecycleTest {

    /** A road-closure permit (no rules of its own) carrying the given activity, {@code metres} east of the work point. */
    private static PermitApplication neighbour(Scenario s, SimopsActivity activity, double metres, String zone) {
        GeoPoint at = Scenario.WORK_POINT.offsetMetres(0, metres);
        PermitApplication base = s.application(WorkType.ROAD_CLOSURE, s.now(), s.now().plus(Duration.ofHours(4)), null,
                WorkDetails.builder().activities(Set.of(activity)).build());
        return new PermitApplication(base.permitNo(), base.enterpriseCode(), base.siteId(), base.workType(), null,
                new Location(zone, at.lat(), at.lon()), base.content(), base.plannedStart(), base.plannedEnd(),
                base.workers(), base.guardianId(), base.details());
    }

    private static void otherZone(Scenario s) {
        s.context.putZone(Scenario.SITE, "unit-4",
                new org.permithub.core.site.SiteZone.Circle(Scenario.WORK_POINT, Scenario.ZONE_RADIUS_M));
    }

    @ParameterizedTest(name = "{0} at {1} m from hot work: conflict={2}")
    @CsvSource({
            "COMBUSTIBLE_GAS_VENTING, 29.9, true", "COMBUSTIBLE_GAS_VENTING, 30.1, false",
            "FLAMMABLE_LIQUID_DISCHARGE, 14.9, true", "FLAMMABLE_LIQUID_DISCHARGE, 15.1, false",
            "SOLVENT_CLEANING, 9.9, true", "SOLVENT_CLEANING, 10.1, false",
            "PAINTING, 9.9, true", "PAINTING, 10.1, false",
            "COMBUSTIBLE_DUST_SWEEPING, 9.9, true", "COMBUSTIBLE_DUST_SWEEPING, 10.1, false",
    })
    void exclusion_distances_around_hot_work(SimopsActivity activity, double metres, boolean conflict) {
        Scenario s = new Scenario();
        otherZone(s);
        s.applied(s.application(WorkType.HOT_WORK));

        Decision d = s.apply(neighbour(s, activity, metres, "unit-4"));

        assertThat(codes(d)).isEqualTo(conflict ? List.of("SIMOPS_CONFLICT") : List.of());
        if (conflict) {
            assertThat(Scenario.violation(d, "SIMOPS_CONFLICT").clause()).isEqualTo("GB30871-2022 §5.2.9");
        }
    }

    @ParameterizedTest(name = "hot work {0} m from blind-plate work: conflict={1}")
    @CsvSource({"29.9, true", "30.1, false"})
    void no_hot_work_within_30_m_of_blind_plate_work(double metres, boolean conflict) {
        Scenario s = new Scenario();
        s.applied(s.application(WorkType.BLIND_PLATE));
        GeoPoint at = Scenario.WORK_POINT.offsetMetres(metres, 0);
        PermitApplication base = s.application(WorkType.HOT_WORK);
        PermitApplication hot = new PermitApplication(base.permitNo(), base.enterpriseCode(), base.siteId(), base.workType(),
                base.grade(), new Location(Scenario.ZONE, at.lat(), at.lon()), base.content(), base.plannedStart(),
                base.plannedEnd(), base.workers(), base.guardianId(), base.details());

        Decision d = s.apply(hot);

        assertThat(codes(d).contains("SIMOPS_CONFLICT")).isEqualTo(conflict);
        if (conflict) {
            assertThat(Scenario.violation(d, "SIMOPS_CONFLICT").clause()).isEqualTo("GB30871-2022 §7.6");
        }
    }

    @Test
    void one_blind_plate_job_per_pipe() {
        Scenario s = new Scenario();
        s.applied(s.application(WorkType.BLIND_PLATE));
        PermitApplication samePipe = s.application(WorkType.BLIND_PLATE);
        PermitApplication otherPipe = s.application(WorkType.BLIND_PLATE, s.now(), s.now().plusSeconds(3600), null,
                Scenario.defaultDetails(WorkType.BLIND_PLATE).toBuilder().pipeId("PIPE-2").build());

        assertThat(Scenario.violation(s.apply(samePipe), "SIMOPS_CONFLICT").clause()).isEqualTo("GB30871-2022 §7.10");
        assertThat(codes(s.apply(otherPipe))).doesNotContain("SIMOPS_CONFLICT");
    }

    @Test
    void no_painting_inside_a_confined_space_with_hot_work_inside() {
        Scenario s = new Scenario();
        otherZone(s);
        s.applied(s.application(WorkType.HOT_WORK, s.now(), s.now().plusSeconds(7200), Grade.GRADE_2,
                WorkDetails.builder().outdoor(false).confinedSpaceId("V-101").build()));
        PermitApplication far = neighbour(s, SimopsActivity.PAINTING, 50, "unit-4");
        PermitApplication inSameSpace = new PermitApplication(far.permitNo(), far.enterpriseCode(), far.siteId(),
                far.workType(), null, far.location(), far.content(), far.plannedStart(), far.plannedEnd(), far.workers(),
                far.guardianId(), far.details().toBuilder().confinedSpaceId("V-101").build());
        PermitApplication inOtherSpace = new PermitApplication("P-other", far.enterpriseCode(), far.siteId(),
                far.workType(), null, far.location(), far.content(), far.plannedStart(), far.plannedEnd(), far.workers(),
                far.guardianId(), far.details().toBuilder().confinedSpaceId("V-102").build());

        assertThat(Scenario.violation(s.apply(inSameSpace), "SIMOPS_CONFLICT").clause()).isEqualTo("GB30871-2022 §6.7");
        assertThat(s.apply(inOtherSpace)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void no_draining_or_sampling_in_a_dike_with_hot_work() {
        Scenario s = new Scenario();
        otherZone(s);
        s.applied(s.application(WorkType.HOT_WORK, s.now(), s.now().plusSeconds(7200), Grade.GRADE_2,
                WorkDetails.builder().outdoor(true).dikeId("TF-2").build()));
        PermitApplication draining = neighbour(s, SimopsActivity.TANK_DRAINING_OR_SAMPLING, 120, "unit-4");
        PermitApplication inDike = new PermitApplication(draining.permitNo(), draining.enterpriseCode(), draining.siteId(),
                draining.workType(), null, draining.location(), draining.content(), draining.plannedStart(),
                draining.plannedEnd(), draining.workers(), draining.guardianId(),
                draining.details().toBuilder().dikeId("TF-2").build());

        assertThat(Scenario.violation(s.apply(inDike), "SIMOPS_CONFLICT").clause()).isEqualTo("GB30871-2022 §5.2.8");
    }

    @Test
    void cross_work_in_the_same_zone_is_a_warning_naming_the_other_permit() {
        Scenario s = new Scenario();
        Permit first = s.applied(s.application(WorkType.LIFTING));

        Decision d = s.apply(s.application(WorkType.WORK_AT_HEIGHT));

        assertThat(d).isInstanceOf(Decision.Accepted.class);
        assertThat(((Decision.Accepted) d).warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("SIMOPS_WARNING");
            assertThat(w.clause()).isEqualTo("GB30871-2022 §4.7");
            assertThat(w.relatedPermitNo()).isEqualTo(first.permitNo());
        });
    }

    @Test
    void on_apply_only_permits_with_overlapping_windows_count() {
        Scenario s = new Scenario();
        otherZone(s);
        s.applied(s.application(WorkType.HOT_WORK, s.now(), s.now().plus(Duration.ofHours(2)), Grade.GRADE_2,
                WorkDetails.builder().outdoor(true).build()));
        PermitApplication later = neighbour(s, SimopsActivity.PAINTING, 5, "unit-4");
        PermitApplication afterwards = new PermitApplication(later.permitNo(), later.enterpriseCode(), later.siteId(),
                later.workType(), null, later.location(), later.content(), s.now().plus(Duration.ofHours(2)),
                s.now().plus(Duration.ofHours(3)), later.workers(), later.guardianId(), later.details());

        assertThat(s.apply(afterwards)).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void on_start_the_active_permits_count_and_closed_ones_do_not() {
        Scenario s = new Scenario();
        otherZone(s);
        // painting applied first, 5 m away; hot work applied later (and refused on apply) …
        Permit painting = s.applied(neighbour(s, SimopsActivity.PAINTING, 5, "unit-4"));
        PermitApplication hot = s.application(WorkType.HOT_WORK);
        assertThat(codes(s.apply(hot))).containsExactly("SIMOPS_CONFLICT");
        // … the painting is cancelled, the hot work goes through and is readied
        s.accepted(s.act(painting, ActionType.CANCEL, Map.of()));
        Permit ready = s.ready(hot);
        // a new painting job starts nearby in the meantime, applied while the hot work was not yet active
        s.context.putProfile(org.permithub.core.profile.SiteRuleProfile.gb30871(Scenario.SITE));
        PermitApplication laterPainting = neighbour(s, SimopsActivity.PAINTING, 5, "unit-4");
        Permit lateRecorded = new Permit(laterPainting, PermitState.ACTIVE, 5, ActionType.START, s.now(), s.now());
        s.context.record(lateRecorded);

        Decision start = s.act(ready, ActionType.START, Map.of());

        assertThat(codes(start)).containsExactly("SIMOPS_CONFLICT");
        s.context.record(new Permit(laterPainting, PermitState.COMPLETED, 6, ActionType.COMPLETE, s.now(), s.now()));
        assertThat(s.act(ready, ActionType.START, Map.of())).isInstanceOf(Decision.Accepted.class);
    }
}
