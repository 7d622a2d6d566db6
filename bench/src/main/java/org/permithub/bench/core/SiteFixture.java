package org.permithub.bench.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.BlindPlateAction;
import org.permithub.core.permit.Decision;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.InMemoryDecisionContext;
import org.permithub.core.permit.Location;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitAction;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.PermitLifecycle;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkDetails;
import org.permithub.core.permit.WorkType;
import org.permithub.core.simops.SimopsActivity;
import org.permithub.core.simops.SimopsOperation;
import org.permithub.core.site.GeoPoint;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.SiteZone;
import org.permithub.core.site.WindReading;

/**
 * One plant with everything the rules need, and a generator of many open permits around it. The
 * plant is 2 km × 2 km, split into 100 zones of 200 m × 200 m; the benchmark's own work point sits
 * in the middle with 40 m kept clear, so that its decisions are accepted.
 */
final class SiteFixture {

    static final String SITE = "plant-07";
    static final ZoneId TZ = ZoneId.of("Asia/Shanghai");
    static final GeoPoint CENTRE = new GeoPoint(38.05, 114.5);
    static final String CENTRE_ZONE = "z-centre";
    static final Instant TUESDAY_9AM = LocalDateTime.of(2025, 3, 4, 9, 0).atZone(TZ).toInstant();
    static final String ENTERPRISE = CreditCode.withCheckCharacter("91130100MA0ABCDE1");
    static final double SITE_HALF_WIDTH_M = 1000;
    static final double ZONE_SIZE_M = 200;
    static final double CLEAR_RADIUS_M = 40;

    final PermitLifecycle lifecycle = new PermitLifecycle();
    final InMemoryDecisionContext context;
    private int counter;

    SiteFixture() {
        context = InMemoryDecisionContext.builder()
                .now(TUESDAY_9AM)
                .calendar(SITE, SiteCalendar.of(TZ, LocalTime.of(22, 0), LocalTime.of(6, 0)))
                .zone(SITE, CENTRE_ZONE, new SiteZone.Circle(CENTRE, 150))
                .wind(SITE, new WindReading(3, TUESDAY_9AM))
                .guardianTraining(new GuardianTraining("g-1", "GT-1", LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1)))
                .build();
        for (ApproverRole role : ApproverRole.values()) {
            context.putApprover(SITE, "a-" + role, role);
        }
        LocalDate today = TUESDAY_9AM.atZone(TZ).toLocalDate();
        for (String worker : List.of("w-1", "w-2")) {
            for (CertificateCategory category : CertificateCategory.values()) {
                context.putCertificate(Certificate.issued("T-" + worker + category, worker, category, today.minusYears(1))
                        .withLastWorkedOn(today.minusDays(3)).withExpiresOn(today.plusYears(3)));
            }
        }
    }

    PermitApplication application(WorkType type, Grade grade, WorkDetails details) {
        return new PermitApplication("B-" + (++counter), ENTERPRISE, SITE, type, grade,
                new Location(CENTRE_ZONE, CENTRE.lat(), CENTRE.lon()), "benchmark job", TUESDAY_9AM,
                TUESDAY_9AM.plus(Duration.ofHours(4)), List.of("w-1", "w-2"), "g-1", details);
    }

    Permit accept(Decision decision) {
        if (!(decision instanceof Decision.Accepted accepted)) {
            throw new IllegalStateException("fixture decision refused: " + decision);
        }
        context.record(accepted.permit());
        return accepted.permit();
    }

    Permit act(Permit permit, ActionType type, Map<String, Object> data) {
        return accept(lifecycle.decide(permit, new PermitAction(type, data, "bench", TUESDAY_9AM), context));
    }

    /** Applied, approved by every required role, isolation confirmed and gas tested: ready to START. */
    Permit ready(PermitApplication application) {
        Permit permit = accept(lifecycle.apply(application, "bench", context));
        for (ApproverRole role : permit.terms().requiredApprovals()) {
            permit = act(permit, ActionType.APPROVE, Map.of("approverId", "a-" + role, "approverRole", role.name(),
                    "lat", CENTRE.lat(), "lon", CENTRE.lon(), "at", TUESDAY_9AM.toString()));
        }
        if (!application.details().isolationPoints().isEmpty()) {
            permit = act(permit, ActionType.CONFIRM_ISOLATION, Map.of("pointIds", application.details().isolationPoints(),
                    "method", "BLIND_PLATE", "confirmedBy", "u-op"));
        }
        return act(permit, ActionType.GAS_TEST, gasTest(TUESDAY_9AM));
    }

    static Map<String, Object> gasTest(Instant sampledAt) {
        return Map.of("analystId", "u-an", "instrumentId", "PGD-1", "readings", List.of(
                Map.of("gas", "CH4", "value", 4, "unit", "%LEL", "sampledAt", sampledAt.toString(), "distanceToWorkPointM", 3),
                Map.of("gas", "O2", "value", 20.9, "unit", "%VOL", "sampledAt", sampledAt.toString(), "distanceToWorkPointM", 3),
                Map.of("gas", "H2S", "value", 0, "unit", "PPM", "sampledAt", sampledAt.toString(), "distanceToWorkPointM", 3)));
    }

    /**
     * {@code count} ACTIVE operations spread over the plant, none within {@link #CLEAR_RADIUS_M} of the
     * centre: 30 % hot work, 10 % painting, 5 % venting, 5 % blind plates on 2,000 pipes, 5 % in one of
     * 500 confined spaces, the rest other work.
     */
    static List<SimopsOperation> activeOperations(int count, long seed) {
        Random random = new Random(seed);
        List<SimopsOperation> result = new ArrayList<>(count);
        while (result.size() < count) {
            double north = (random.nextDouble() * 2 - 1) * SITE_HALF_WIDTH_M;
            double east = (random.nextDouble() * 2 - 1) * SITE_HALF_WIDTH_M;
            if (Math.hypot(north, east) < CLEAR_RADIUS_M) {
                continue;
            }
            int roll = random.nextInt(100);
            WorkType type;
            Set<SimopsActivity> activities = EnumSet.noneOf(SimopsActivity.class);
            String pipe = null;
            String space = null;
            if (roll < 30) {
                type = WorkType.HOT_WORK;
            } else if (roll < 40) {
                type = WorkType.WORK_AT_HEIGHT;
                activities.add(SimopsActivity.PAINTING);
            } else if (roll < 45) {
                type = WorkType.ROAD_CLOSURE;
                activities.add(SimopsActivity.COMBUSTIBLE_GAS_VENTING);
            } else if (roll < 50) {
                type = WorkType.BLIND_PLATE;
                pipe = "PIPE-" + random.nextInt(2000);
            } else if (roll < 55) {
                type = WorkType.CONFINED_SPACE;
                space = "V-" + random.nextInt(500);
            } else {
                type = WorkType.values()[random.nextInt(WorkType.values().length)];
            }
            result.add(new SimopsOperation("A-" + result.size(), type, activities, CENTRE.offsetMetres(north, east),
                    zoneOf(north, east), space, pipe, null, TUESDAY_9AM, TUESDAY_9AM.plus(Duration.ofHours(8)),
                    PermitState.ACTIVE));
        }
        return result;
    }

    static String zoneOf(double north, double east) {
        long row = (long) Math.floor((north + SITE_HALF_WIDTH_M) / ZONE_SIZE_M);
        long column = (long) Math.floor((east + SITE_HALF_WIDTH_M) / ZONE_SIZE_M);
        return "z-" + row + "-" + column;
    }

    static WorkDetails blindPlate(String pipe) {
        return WorkDetails.builder().pipeId(pipe).blindPlateNumbers(List.of("BP-1")).blindPlateAction(BlindPlateAction.INSERT).build();
    }
}
