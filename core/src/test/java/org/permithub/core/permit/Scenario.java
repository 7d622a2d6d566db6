package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.core.site.GeoPoint;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.SiteZone;
import org.permithub.core.site.WindReading;

/**
 * A site where everything needed for a permit is known: calendar (Asia/Shanghai, night 22:00–06:00),
 * a 200 m zone, calm wind, one approver per role, two workers holding every certificate, a trained
 * guardian. The clock starts on Tuesday 2025-03-04 09:00 local and moves only through {@link #advance}.
 */
public final class Scenario {

    public static final String SITE = "site-07";
    public static final String ZONE = "unit-3";
    public static final ZoneId TZ = ZoneId.of("Asia/Shanghai");
    public static final GeoPoint WORK_POINT = new GeoPoint(38.05, 114.5);
    public static final Instant TUESDAY_9AM = LocalDateTime.of(2025, 3, 4, 9, 0).atZone(TZ).toInstant();
    public static final String ENTERPRISE = CreditCode.withCheckCharacter("91130100MA0ABCDE1");
    public static final String WORKER_1 = "w-1";
    public static final String WORKER_2 = "w-2";
    public static final String GUARDIAN = "g-1";
    public static final double ZONE_RADIUS_M = 200;

    public final PermitLifecycle lifecycle = new PermitLifecycle();
    public final InMemoryDecisionContext context;
    private Instant now;
    private int permitCounter;

    public Scenario() {
        this(TUESDAY_9AM);
    }

    public Scenario(Instant start) {
        now = start;
        context = InMemoryDecisionContext.builder()
                .calendar(SITE, SiteCalendar.of(TZ, LocalTime.of(22, 0), LocalTime.of(6, 0)))
                .zone(SITE, ZONE, new SiteZone.Circle(WORK_POINT, ZONE_RADIUS_M))
                .wind(SITE, new WindReading(3.0, start))
                .guardianTraining(new GuardianTraining(GUARDIAN, "GT-1", LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1)))
                .build();
        for (ApproverRole role : ApproverRole.values()) {
            context.putApprover(SITE, approverFor(role), role);
        }
        for (String worker : List.of(WORKER_1, WORKER_2)) {
            for (CertificateCategory category : CertificateCategory.values()) {
                context.putCertificate(validCertificate(worker, category));
            }
        }
    }

    public static String approverFor(ApproverRole role) {
        return "a-" + role.name().toLowerCase();
    }

    public Certificate validCertificate(String worker, CertificateCategory category) {
        LocalDate today = today();
        Certificate c = Certificate.issued("T-" + worker + "-" + category, worker, category, today.minusYears(1))
                .withLastWorkedOn(today.minusDays(10));
        return category == CertificateCategory.SPECIAL_EQUIPMENT_OPERATOR ? c.withExpiresOn(today.plusYears(3)) : c;
    }

    public Instant now() {
        return now;
    }

    public LocalDate today() {
        return now.atZone(TZ).toLocalDate();
    }

    public InMemoryDecisionContext ctx() {
        return context.at(now);
    }

    /** Moves the clock; the wind station keeps reporting the same speed. */
    public Scenario advance(Duration duration) {
        now = now.plus(duration);
        WindReading wind = context.wind(SITE).orElseThrow();
        context.putWind(SITE, new WindReading(wind.speedMps(), now));
        return this;
    }

    public void setWind(double speedMps) {
        context.putWind(SITE, new WindReading(speedMps, now));
    }

    // ---- applications -------------------------------------------------------------------------

    public PermitApplication application(WorkType type) {
        return application(type, Duration.ofHours(4));
    }

    public PermitApplication application(WorkType type, Duration window) {
        return application(type, now, now.plus(window), defaultGrade(type), defaultDetails(type));
    }

    public PermitApplication application(WorkType type, Instant start, Instant end, Grade grade, WorkDetails details) {
        return new PermitApplication("P-" + (++permitCounter), ENTERPRISE, SITE, type, grade,
                new Location(ZONE, WORK_POINT.lat(), WORK_POINT.lon()), "test job", start, end,
                List.of(WORKER_1, WORKER_2), GUARDIAN, details);
    }

    public static Grade defaultGrade(WorkType type) {
        return type == WorkType.HOT_WORK ? Grade.GRADE_2 : null;
    }

    public static WorkDetails defaultDetails(WorkType type) {
        return switch (type) {
            case HOT_WORK -> WorkDetails.builder().outdoor(true).build();
            case CONFINED_SPACE -> WorkDetails.builder().confinedSpaceId("V-101").isolationPoints(List.of("IP-1"))
                    .toxicGases(List.of("H2S")).build();
            case WORK_AT_HEIGHT -> WorkDetails.builder().workingHeightM(4.0).outdoor(true).build();
            case LIFTING -> WorkDetails.builder().liftLoadTonnes(25.0).outdoor(true).build();
            case TEMPORARY_POWER -> WorkDetails.NONE;
            case BLIND_PLATE -> WorkDetails.builder().pipeId("PIPE-1").blindPlateNumbers(List.of("BP-1"))
                    .blindPlateAction(BlindPlateAction.INSERT).build();
            case EXCAVATION -> WorkDetails.builder().excavationDepthM(1.0).build();
            case ROAD_CLOSURE -> WorkDetails.NONE;
        };
    }

    // ---- decisions ----------------------------------------------------------------------------

    public Decision apply(PermitApplication application) {
        Decision d = lifecycle.apply(application, "applicant", ctx());
        if (d instanceof Decision.Accepted a) {
            context.record(a.permit());
        }
        return d;
    }

    public Decision act(Permit permit, ActionType type, Map<String, Object> data) {
        Decision d = lifecycle.decide(permit, new PermitAction(type, data, "tester", now), ctx());
        if (d instanceof Decision.Accepted a) {
            context.record(a.permit());
        }
        return d;
    }

    public Permit accepted(Decision decision) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
        return ((Decision.Accepted) decision).permit();
    }

    public Permit applied(PermitApplication application) {
        return accepted(apply(application));
    }

    /** Applies and collects every Table B.1 (and extra) signature. */
    public Permit approved(PermitApplication application) {
        Permit permit = applied(application);
        for (ApproverRole role : permit.terms().requiredApprovals()) {
            permit = accepted(act(permit, ActionType.APPROVE, approval(role)));
        }
        assertThat(permit.state()).isEqualTo(PermitState.APPROVED);
        return permit;
    }

    /** Approved, isolation confirmed, a passing gas test where needed: ready to START. */
    public Permit ready(PermitApplication application) {
        Permit permit = approved(application);
        List<String> points = application.details().isolationPoints();
        if (!points.isEmpty()) {
            permit = accepted(act(permit, ActionType.CONFIRM_ISOLATION, isolation(points)));
        }
        if (WorkRules.gasTestRequired(application)) {
            permit = accepted(act(permit, ActionType.GAS_TEST, passingGasTest(now)));
        }
        return permit;
    }

    public Permit active(PermitApplication application) {
        Permit permit = accepted(act(ready(application), ActionType.START, Map.of()));
        assertThat(permit.state()).isEqualTo(PermitState.ACTIVE);
        return permit;
    }

    // ---- action data --------------------------------------------------------------------------

    public Map<String, Object> approval(ApproverRole role) {
        return approval(role, WORK_POINT, now);
    }

    public static Map<String, Object> approval(ApproverRole role, GeoPoint at, Instant when) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("approverId", approverFor(role));
        data.put("approverRole", role.name());
        data.put("lat", at.lat());
        data.put("lon", at.lon());
        data.put("at", when.atZone(TZ).toOffsetDateTime().toString());
        return data;
    }

    public static Map<String, Object> isolation(List<String> points) {
        return Map.of("pointIds", points, "method", "BLIND_PLATE", "confirmedBy", "u-op-7");
    }

    public static Map<String, Object> reading(String gas, Object value, String unit, Instant sampledAt) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gas", gas);
        r.put("value", value);
        r.put("unit", unit);
        r.put("sampledAt", sampledAt.toString());
        r.put("distanceToWorkPointM", 3);
        return r;
    }

    public static Map<String, Object> gasTest(List<Map<String, Object>> readings) {
        return Map.of("analystId", "u-an-1", "instrumentId", "PGD-778", "readings", readings);
    }

    /** Methane 4 %LEL, O₂ 20.9 %, H₂S 0 ppm: passes every work type. */
    public static Map<String, Object> passingGasTest(Instant sampledAt) {
        List<Map<String, Object>> readings = new ArrayList<>();
        readings.add(reading("CH4", 4, "%LEL", sampledAt));
        readings.add(reading("O2", 20.9, "%VOL", sampledAt));
        readings.add(reading("H2S", 0, "PPM", sampledAt));
        return gasTest(readings);
    }

    public static Map<String, Object> failingGasTest(Instant sampledAt) {
        return gasTest(List.of(reading("CH4", 30, "%LEL", sampledAt), reading("O2", 20.9, "%VOL", sampledAt),
                reading("H2S", 0, "PPM", sampledAt)));
    }

    // ---- assertions ---------------------------------------------------------------------------

    public static List<String> codes(Decision decision) {
        return decision instanceof Decision.Rejected r
                ? r.violations().stream().map(Violation::code).toList()
                : List.of();
    }

    public static List<String> warningCodes(Decision decision) {
        return decision instanceof Decision.Accepted a
                ? a.warnings().stream().map(Warning::code).toList()
                : List.of();
    }

    public static Violation violation(Decision decision, String code) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        return ((Decision.Rejected) decision).violations().stream().filter(v -> v.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + decision));
    }
}
