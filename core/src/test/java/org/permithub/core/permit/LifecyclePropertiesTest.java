package org.permithub.core.permit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.isolation.IsolationState;

/**
 * Random action sequences against one permit, with the site's data going bad and good again in
 * between. Whenever a START or RESUME is accepted, an oracle written independently of the rules
 * checks that every precondition held at that instant.
 */
class LifecyclePropertiesTest {

    enum Kind {
        APPROVE_RIGHT, APPROVE_WRONG_ROLE, APPROVE_OFF_SITE,
        GAS_PASS, GAS_FAIL, GAS_OLD_PASS,
        CONFIRM_ISOLATION, START, SUSPEND, RESUME, RESUME_CONFIRMED,
        ENTRY, EXIT, COMPLETE, CHANGE, EXPIRE,
        DROP_CERTIFICATES, RESTORE_CERTIFICATES, EXPIRE_GUARDIAN_TRAINING, RESTORE_GUARDIAN_TRAINING,
        HIGH_WIND, CALM_WIND, MES_NOT_ISOLATED, MES_UNKNOWN
    }

    record Step(Kind kind, int minutesLater) {}

    @Provide
    Arbitrary<WorkType> workTypes() {
        return Arbitraries.of(WorkType.HOT_WORK, WorkType.CONFINED_SPACE, WorkType.TEMPORARY_POWER,
                WorkType.WORK_AT_HEIGHT, WorkType.LIFTING, WorkType.EXCAVATION);
    }

    /**
     * A plausible plan (approve, isolate, gas test, start) with random steps mixed in before, between
     * and after, so that runs do reach ACTIVE while defects still land at random points.
     */
    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(6, Kind.APPROVE_RIGHT), Tuple.of(2, Kind.APPROVE_WRONG_ROLE), Tuple.of(2, Kind.APPROVE_OFF_SITE),
                Tuple.of(8, Kind.GAS_PASS), Tuple.of(3, Kind.GAS_FAIL), Tuple.of(3, Kind.GAS_OLD_PASS),
                Tuple.of(4, Kind.CONFIRM_ISOLATION), Tuple.of(10, Kind.START), Tuple.of(4, Kind.SUSPEND),
                Tuple.of(5, Kind.RESUME), Tuple.of(3, Kind.RESUME_CONFIRMED),
                Tuple.of(3, Kind.ENTRY), Tuple.of(3, Kind.EXIT), Tuple.of(2, Kind.COMPLETE), Tuple.of(1, Kind.CHANGE),
                Tuple.of(1, Kind.EXPIRE),
                Tuple.of(2, Kind.DROP_CERTIFICATES), Tuple.of(2, Kind.RESTORE_CERTIFICATES),
                Tuple.of(2, Kind.EXPIRE_GUARDIAN_TRAINING), Tuple.of(2, Kind.RESTORE_GUARDIAN_TRAINING),
                Tuple.of(2, Kind.HIGH_WIND), Tuple.of(2, Kind.CALM_WIND),
                Tuple.of(2, Kind.MES_NOT_ISOLATED), Tuple.of(2, Kind.MES_UNKNOWN));
        Arbitrary<Integer> minutes = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 5)),
                Tuple.of(3, Arbitraries.integers().between(6, 40)),
                Tuple.of(1, Arbitraries.integers().between(41, 180)));
        Arbitrary<Step> random = Combinators.combine(kinds, minutes).as(Step::new);
        Arbitrary<List<Step>> noise = random.list().ofMaxSize(2);
        Arbitrary<List<Step>> tail = random.list().ofMaxSize(20);
        Arbitrary<Integer> quick = Arbitraries.integers().between(0, 10);
        return Combinators.combine(noise, noise, noise, noise, tail, quick).as((n1, n2, n3, n4, rest, gap) -> {
            List<Step> all = new java.util.ArrayList<>(n1);
            all.add(new Step(Kind.APPROVE_RIGHT, gap));
            all.addAll(n2);
            all.add(new Step(Kind.CONFIRM_ISOLATION, gap));
            all.addAll(n3);
            all.add(new Step(Kind.GAS_PASS, gap));
            all.addAll(n4);
            all.add(new Step(Kind.START, gap));
            all.addAll(rest);
            return all;
        });
    }

    /** What the test itself knows, independent of the rules under test. */
    private static final class Model {
        Instant latestSample;
        boolean latestPassing;
        Instant suspendedAt;
        boolean gasAlarm;
        boolean approvedOnSiteWithRightRole;
        boolean isolationConfirmed;
        boolean certificatesDropped;
        boolean guardianExpired;
        boolean highWind;
        boolean mesNotIsolated;
    }

    @Property(tries = 400)
    void nothing_reaches_active_without_every_precondition(@ForAll("workTypes") WorkType type,
                                                          @ForAll("steps") List<Step> steps) {
        Scenario s = new Scenario();
        PermitApplication app = application(s, type);
        Permit permit = s.applied(app);
        Model m = new Model();
        boolean reachedActive = false;

        for (Step step : steps) {
            s.advance(Duration.ofMinutes(step.minutesLater()));
            Permit before = permit;
            ActionType actionType = actionOf(step.kind());
            if (actionType == null) {
                mutateContext(s, m, step.kind(), app.permitNo());
                continue;
            }
            Decision d = s.act(before, actionType, data(s, step.kind(), app));
            if (!(d instanceof Decision.Accepted accepted)) {
                continue;
            }
            Permit after = accepted.permit();
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(before.state().isClosed() && !after.state().isClosed()).as("closed permits stay closed").isFalse();
            assertThat(step.kind()).as("approvals off site or in the wrong role are refused")
                    .isNotIn(Kind.APPROVE_WRONG_ROLE, Kind.APPROVE_OFF_SITE);

            if (after.state() == PermitState.ACTIVE && before.state() != PermitState.ACTIVE) {
                assertThat(actionType).isIn(ActionType.START, ActionType.RESUME);
                assertEveryPreconditionHeld(s, app, before, m, step.kind());
                reachedActive = true;
            }
            if (after.state() == PermitState.ACTIVE && WorkRules.gasTestRequired(app)) {
                assertThat(after.lastGasTest().passed()).as("an ACTIVE permit never has a failing latest test").isTrue();
            }
            updateModel(s, m, step.kind(), before, after);
            permit = after;
        }
        Statistics.label("reached ACTIVE").collect(reachedActive)
                .coverage(checker -> checker.check(true).percentage(p -> p >= 20));
        Statistics.label("work type").collect(type);
    }

    private static PermitApplication application(Scenario s, WorkType type) {
        WorkDetails details = Scenario.defaultDetails(type).toBuilder().isolationPoints(List.of("IP-1")).build();
        if (type == WorkType.TEMPORARY_POWER) {
            details = details.toBuilder().inHazardousArea(true).build();
        }
        if (type == WorkType.EXCAVATION) {
            details = details.toBuilder().inHazardousArea(true).excavationDepthM(2.0).build();
        }
        return s.application(type, s.now(), s.now().plus(Duration.ofHours(6)), Scenario.defaultGrade(type), details);
    }

    private static ApproverRole tableB1Role(WorkType type) {
        return switch (type) {
            case HOT_WORK, CONFINED_SPACE, WORK_AT_HEIGHT -> ApproverRole.LOCAL_UNIT;
            case TEMPORARY_POWER -> ApproverRole.POWER_SUPPLY_UNIT;
            case LIFTING, EXCAVATION -> ApproverRole.SPECIALIST_DEPARTMENT;
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private static boolean needsGas(WorkType type) {
        return type != WorkType.WORK_AT_HEIGHT && type != WorkType.LIFTING;
    }

    private static void assertEveryPreconditionHeld(Scenario s, PermitApplication app, Permit before, Model m, Kind kind) {
        Instant now = s.now();
        WorkType type = app.workType();
        assertThat(m.approvedOnSiteWithRightRole).as("approved on site by the Table B.1 role").isTrue();
        assertThat(!now.isBefore(app.plannedStart()) && now.isBefore(app.plannedEnd())).as("within validity").isTrue();
        assertThat(m.guardianExpired).as("guardian training valid").isFalse();
        if (type != WorkType.CONFINED_SPACE && type != WorkType.EXCAVATION) {
            assertThat(m.certificatesDropped).as("worker certificates valid").isFalse();
        }
        assertThat(m.isolationConfirmed && !m.mesNotIsolated).as("isolation confirmed").isTrue();
        if (type == WorkType.HOT_WORK || type == WorkType.WORK_AT_HEIGHT || type == WorkType.LIFTING) {
            assertThat(m.highWind).as("no stopping wind").isFalse();
        }
        if (needsGas(type)) {
            assertThat(m.latestSample).as("a gas test exists").isNotNull();
            assertThat(m.latestPassing).as("the latest gas test passed").isTrue();
            Duration age = Duration.between(m.latestSample, now);
            if (before.state() != PermitState.SUSPENDED) {
                assertThat(age).as("gas test ≤ 30 min old at START").isLessThanOrEqualTo(Duration.ofMinutes(30));
            } else {
                Duration pause = Duration.between(m.suspendedAt, now);
                LocalDate sampleDay = m.latestSample.atZone(Scenario.TZ).toLocalDate();
                boolean newDay = type == WorkType.HOT_WORK && !sampleDay.equals(now.atZone(Scenario.TZ).toLocalDate());
                if (m.gasAlarm || pause.compareTo(Duration.ofMinutes(60)) > 0) {
                    assertThat(!m.latestSample.isBefore(m.suspendedAt) && age.compareTo(Duration.ofMinutes(30)) <= 0)
                            .as("fresh gas test after a long pause or a gas alarm").isTrue();
                }
                assertThat(newDay).as("hot work tested on the day it resumes").isFalse();
            }
        }
        if (type == WorkType.WORK_AT_HEIGHT && before.state() == PermitState.SUSPENDED) {
            assertThat(kind).as("conditions re-confirmed").isEqualTo(Kind.RESUME_CONFIRMED);
        }
    }

    private static void updateModel(Scenario s, Model m, Kind kind, Permit before, Permit after) {
        switch (kind) {
            case APPROVE_RIGHT -> m.approvedOnSiteWithRightRole = true;
            case GAS_PASS, GAS_FAIL, GAS_OLD_PASS -> {
                Instant sampled = kind == Kind.GAS_OLD_PASS ? s.now().minus(Duration.ofMinutes(40)) : s.now();
                if (m.latestSample == null || !sampled.isBefore(m.latestSample)) {
                    m.latestSample = sampled;
                    m.latestPassing = kind != Kind.GAS_FAIL;
                }
                if (kind == Kind.GAS_FAIL && before.state() == PermitState.ACTIVE) {
                    m.suspendedAt = s.now();
                    m.gasAlarm = true;
                }
            }
            case CONFIRM_ISOLATION -> m.isolationConfirmed = true;
            case SUSPEND -> {
                m.suspendedAt = s.now();
                m.gasAlarm = false;
            }
            default -> { }
        }
        assertThat(after.state() != PermitState.SUSPENDED || m.suspendedAt != null).isTrue();
    }

    private static void mutateContext(Scenario s, Model m, Kind kind, String permitNo) {
        switch (kind) {
            case DROP_CERTIFICATES -> {
                s.context.replaceCertificates(Scenario.WORKER_2, List.of());
                m.certificatesDropped = true;
            }
            case RESTORE_CERTIFICATES -> {
                s.context.replaceCertificates(Scenario.WORKER_2, EnumSet.allOf(CertificateCategory.class).stream()
                        .map(c -> s.validCertificate(Scenario.WORKER_2, c)).toList());
                m.certificatesDropped = false;
            }
            case EXPIRE_GUARDIAN_TRAINING -> {
                s.context.putGuardianTraining(new GuardianTraining(Scenario.GUARDIAN, "GT-1", LocalDate.of(2020, 1, 1),
                        LocalDate.of(2021, 1, 1)));
                m.guardianExpired = true;
            }
            case RESTORE_GUARDIAN_TRAINING -> {
                s.context.putGuardianTraining(new GuardianTraining(Scenario.GUARDIAN, "GT-1", LocalDate.of(2024, 1, 1),
                        LocalDate.of(2027, 1, 1)));
                m.guardianExpired = false;
            }
            case HIGH_WIND -> {
                s.setWind(12);
                m.highWind = true;
            }
            case CALM_WIND -> {
                s.setWind(3);
                m.highWind = false;
            }
            case MES_NOT_ISOLATED -> {
                s.context.putIsolationState(permitNo, "IP-1", IsolationState.NOT_ISOLATED);
                m.mesNotIsolated = true;
            }
            case MES_UNKNOWN -> {
                s.context.putIsolationState(permitNo, "IP-1", IsolationState.UNKNOWN);
                m.mesNotIsolated = false;
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static ActionType actionOf(Kind kind) {
        return switch (kind) {
            case APPROVE_RIGHT, APPROVE_WRONG_ROLE, APPROVE_OFF_SITE -> ActionType.APPROVE;
            case GAS_PASS, GAS_FAIL, GAS_OLD_PASS -> ActionType.GAS_TEST;
            case CONFIRM_ISOLATION -> ActionType.CONFIRM_ISOLATION;
            case START -> ActionType.START;
            case SUSPEND -> ActionType.SUSPEND;
            case RESUME, RESUME_CONFIRMED -> ActionType.RESUME;
            case ENTRY -> ActionType.ENTRY;
            case EXIT -> ActionType.EXIT;
            case COMPLETE -> ActionType.COMPLETE;
            case CHANGE -> ActionType.CHANGE;
            case EXPIRE -> ActionType.EXPIRE;
            default -> null;
        };
    }

    private static Map<String, Object> data(Scenario s, Kind kind, PermitApplication app) {
        ApproverRole right = tableB1Role(app.workType());
        return switch (kind) {
            case APPROVE_RIGHT -> s.approval(right);
            case APPROVE_WRONG_ROLE -> s.approval(right == ApproverRole.LOCAL_UNIT ? ApproverRole.SENIOR_LEADER : ApproverRole.LOCAL_UNIT);
            case APPROVE_OFF_SITE -> Scenario.approval(right, Scenario.WORK_POINT.offsetMetres(500, 0), s.now());
            case GAS_PASS -> Scenario.passingGasTest(s.now());
            case GAS_FAIL -> Scenario.failingGasTest(s.now());
            case GAS_OLD_PASS -> Scenario.passingGasTest(s.now().minus(Duration.ofMinutes(40)));
            case CONFIRM_ISOLATION -> Scenario.isolation(List.of("IP-1"));
            case SUSPEND -> Map.of("reason", "break");
            case RESUME_CONFIRMED -> Map.of("conditionsConfirmedBy", Scenario.GUARDIAN);
            case ENTRY, EXIT -> Map.of("subjectId", Scenario.WORKER_1, "kind", "PERSON");
            case COMPLETE -> Map.of("acceptedBy", "u-lead");
            case CHANGE -> Map.of("kind", "SCOPE", "description", "bigger");
            default -> new HashMap<>();
        };
    }

}
