package org.permithub.core.permit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.CredentialCheck;
import org.permithub.core.gas.GasTestRecord;
import org.permithub.core.grading.EscalationReason;
import org.permithub.core.isolation.IsolationState;
import org.permithub.core.profile.RuleLimits;
import org.permithub.core.simops.SimopsOperation;
import org.permithub.core.simops.SimopsPhase;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.WindReading;

/** What must hold at the instant work starts or resumes. */
final class WorkPreconditions {

    private WorkPreconditions() {}

    /** Everything but the gas test, which START and RESUME judge differently. */
    static void check(Permit p, DecisionContext context, RuleLimits limits, Instant now, Findings f) {
        PermitApplication a = p.application();
        Optional<SiteCalendar> calendar = context.siteCalendar(a.siteId());
        if (calendar.isEmpty()) {
            f.reject("SITE_CALENDAR_UNKNOWN", "GB30871-2022 §4.10a",
                    "no calendar for site " + a.siteId() + ": certificate dates cannot be judged");
        }
        LocalDate today = calendar.map(c -> c.dateOf(now)).orElse(now.atZone(ZoneOffset.UTC).toLocalDate());

        if (now.isBefore(a.plannedStart())) {
            // GB 30871-2022 §4.10a: work only within the permit's validity
            f.reject("PERMIT_NOT_YET_VALID", "GB30871-2022 §4.10a", "the permit is valid from " + a.plannedStart());
        }
        Set<ApproverRole> missing = p.missingApprovals();
        if (!missing.isEmpty()) {
            // GB 30871-2022 §4.6, Table B.1: approvals complete before work
            f.reject("APPROVALS_INCOMPLETE", "GB30871-2022 Table B.1", "still to sign: " + missing);
        }
        calendar.ifPresent(c -> checkDayShift(a, c, now, f));
        checkGuardian(a, context, today, f);
        checkCertificates(a, context, limits, today, f);
        checkInsurance(a, context, today, f);
        checkIsolation(p, context, f);
        checkWind(p, context, limits, now, f);
        if (a.workType() == WorkType.TEMPORARY_POWER && a.details().parentPermitNo() != null) {
            ApplicationRules.checkParent(a, context, false, f);
        }
        Simops.check(SimopsOperation.of(p), a.siteId(), context, limits, SimopsPhase.START, f);
    }

    /** START: a passing gas test whose oldest sample is at most 30 min old (§5.3.1c, §6.3a, §10.1). */
    static void checkFreshGas(Permit p, RuleLimits limits, Instant now, Findings f) {
        if (!WorkRules.gasTestRequired(p.application())) {
            return;
        }
        String clause = WorkRules.stalenessClause(p.application());
        GasTestRecord test = p.lastGasTest();
        if (test == null) {
            f.reject("GAS_TEST_MISSING", clause, "no gas test recorded");
            return;
        }
        if (!test.passed()) {
            f.reject("GAS_TEST_FAILED", clause, "the latest gas test failed: " + summary(test));
        }
        Duration age = test.ageAt(now);
        if (age.compareTo(limits.gas().maxAgeAtStart()) > 0) {
            f.reject("GAS_TEST_STALE", clause, "the gas test is " + age + " old, limit " + limits.gas().maxAgeAtStart());
        }
    }

    /**
     * RESUME: a fresh test is needed after a pause longer than 30 min (特级/一级 hot work) or 60 min
     * (二级, confined space) (§5.3.1d, §6.3f), after a gas alarm (§6.5), and each new day of hot work
     * (§5.3.1d). "Fresh" means passing, sampled after the suspension and at most 30 min old.
     */
    static void checkGasForResume(Permit p, DecisionContext context, RuleLimits limits, Instant now, Findings f) {
        if (!WorkRules.gasTestRequired(p.application())) {
            return;
        }
        GasTestRecord test = p.lastGasTest();
        String clause = WorkRules.retestClause(p);
        if (test == null) {
            f.reject("GAS_TEST_MISSING", clause, "no gas test recorded");
            return;
        }
        if (!test.passed()) {
            f.reject("GAS_TEST_FAILED", clause, "the latest gas test failed: " + summary(test));
            return;
        }
        Suspension s = p.suspension();
        Instant suspendedAt = s == null ? p.updatedAt() : s.at();
        Duration pause = Duration.between(suspendedAt, now);
        Duration threshold = WorkRules.retestAfterPause(p, limits.gas());
        Optional<SiteCalendar> calendar = context.siteCalendar(p.application().siteId());
        boolean hotWork = p.application().workType() == WorkType.HOT_WORK;
        boolean gasAlarm = s != null && s.gasAlarm();
        boolean longPause = pause.compareTo(threshold) > 0;
        // GB 30871-2022 §5.3.1d: every day before hot work, a test of that day (unknown calendar: always)
        boolean testedToday = !hotWork || calendar
                .map(c -> c.dateOf(test.oldestSampleAt()).equals(c.dateOf(now)))
                .orElse(false);
        boolean sampledAfterSuspension = !test.oldestSampleAt().isBefore(suspendedAt);
        boolean young = test.ageAt(now).compareTo(limits.gas().maxAgeAtStart()) <= 0;

        if ((gasAlarm || longPause) && !(sampledAfterSuspension && young)) {
            f.reject("GAS_RETEST_REQUIRED", gasAlarm ? "GB30871-2022 §6.5" : clause,
                    (gasAlarm ? "the work was stopped by a gas alarm" : "the pause of " + pause + " is longer than " + threshold)
                            + "; a passing gas test sampled after the suspension and at most "
                            + limits.gas().maxAgeAtStart() + " old is needed");
        } else if (!testedToday) {
            f.reject("GAS_RETEST_REQUIRED", "GB30871-2022 §5.3.1d",
                    "hot work is tested again every day before work; the latest test is from an earlier day");
        }
    }

    private static void checkDayShift(PermitApplication a, SiteCalendar calendar, Instant now, Findings f) {
        if (!a.details().dayShiftOnly()) {
            return;
        }
        LocalDate date = calendar.dateOf(now);
        if (a.workType() == WorkType.HOT_WORK
                && (calendar.isNight(now) || calendar.isHoliday(date) || calendar.isRestDay(date))) {
            // GB 30871-2022 §5.1.1: hot work at night, on rest days and holidays is raised one grade
            f.reject("OUTSIDE_DECLARED_DAY_SHIFT", "GB30871-2022 §5.1.1",
                    "this permit covers day work on working days; hot work now needs a permit raised one grade");
        } else if (a.workType() == WorkType.WORK_AT_HEIGHT && a.details().outdoorWork() && calendar.isNight(now)) {
            // GB 30871-2022 Table B.1 note 2: outdoor night work at height is class Ⅳ
            f.reject("OUTSIDE_DECLARED_DAY_SHIFT", "GB30871-2022 Table B.1",
                    "this permit covers day work; outdoor work at height at night needs a class IV permit");
        }
    }

    private static void checkGuardian(PermitApplication a, DecisionContext context, LocalDate today, Findings f) {
        ApplicationRules.checkGuardianAssigned(a, f);
        if (a.guardianId() == null || a.guardianId().isBlank()) {
            return;
        }
        // GB 30871-2022 §4.10: the guardian holds a valid special-training pass certificate
        CredentialCheck.guardian(a.guardianId(), context.guardianTraining(a.guardianId()), today)
                .forEach(f.violations::add);
    }

    private static void checkCertificates(PermitApplication a, DecisionContext context, RuleLimits limits,
                                          LocalDate today, Findings f) {
        Optional<CertificateCategory> category = CertificateCategory.requiredFor(a.workType());
        if (category.isEmpty()) {
            return;
        }
        for (String worker : a.workers()) {
            // GB 30871-2022 §4.9; Order 30 Art. 19, 21, 22, 26, 32
            var outcome = CredentialCheck.worker(worker, category.get(), context.certificates(worker), today,
                    limits.credentials());
            f.violations.addAll(outcome.violations());
            f.warnings.addAll(outcome.warnings());
        }
    }

    /** Every tracked (contractor) worker insured on the day, whatever the work type. */
    private static void checkInsurance(PermitApplication a, DecisionContext context, LocalDate today, Findings f) {
        for (String worker : a.workers()) {
            f.violations.addAll(CredentialCheck.insurance(worker, context.insuranceCover(worker), today));
        }
    }

    /** GB 30871-2022 §4.2b, §5.2.2, §6.1: every isolation point in place before work. */
    private static void checkIsolation(Permit p, DecisionContext context, Findings f) {
        for (String point : p.application().details().isolationPoints()) {
            IsolationState live = context.isolationState(p.permitNo(), point);
            if (live == IsolationState.NOT_ISOLATED) {
                f.reject("ISOLATION_NOT_IN_PLACE", "GB30871-2022 §4.2b",
                        "isolation point " + point + " is reported not isolated");
            } else if (live != IsolationState.CONFIRMED && !p.confirmedIsolationPoints().contains(point)) {
                f.reject("ISOLATION_NOT_CONFIRMED", "GB30871-2022 §4.2b",
                        "isolation point " + point + " is not confirmed");
            }
        }
    }

    private static void checkWind(Permit p, DecisionContext context, RuleLimits limits, Instant now, Findings f) {
        PermitApplication a = p.application();
        if (!a.details().outdoorWork()) {
            return;
        }
        int stopForce;
        String clause;
        switch (a.workType()) {
            case HOT_WORK -> {
                stopForce = limits.weather().hotWorkEscalationForce();
                clause = "GB30871-2022 §5.2.15";
            }
            case WORK_AT_HEIGHT -> {
                stopForce = limits.weather().heightStopForce();
                clause = "GB30871-2022 §8.2.6";
            }
            case LIFTING -> {
                stopForce = limits.weather().liftingStopForce();
                clause = "GB30871-2022 §9.2.4";
            }
            default -> {
                return;
            }
        }
        Optional<WindReading> wind = ApplicationRules.freshWind(a.siteId(), context, limits, now);
        if (wind.isEmpty()) {
            f.reject("WIND_UNKNOWN", clause, "no wind reading for site " + a.siteId() + " within "
                    + limits.weather().readingMaxAge());
            return;
        }
        int force = wind.get().beaufortForce();
        if (force < stopForce) {
            return;
        }
        if (a.workType() == WorkType.HOT_WORK) {
            if (!p.terms().escalations().contains(EscalationReason.WIND)) {
                // GB 30871-2022 §5.2.15: outdoor hot work in wind ≥ force 5 only at a raised grade
                f.reject("HOT_WORK_WIND_NOT_COVERED", clause, "wind force " + force + " (" + wind.get().speedMps()
                        + " m/s): outdoor hot work needs a permit raised for wind; apply again");
            }
        } else {
            f.reject("WIND_TOO_STRONG", clause, "wind force " + force + " (" + wind.get().speedMps()
                    + " m/s) stops outdoor " + a.workType() + " at force " + stopForce);
        }
    }

    static String summary(GasTestRecord test) {
        List<Violation> failures = test.failures();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < failures.size() && i < 5; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(failures.get(i).code()).append(": ").append(failures.get(i).detail());
        }
        if (failures.size() > 5) {
            sb.append("; and ").append(failures.size() - 5).append(" more");
        }
        return sb.toString();
    }
}
