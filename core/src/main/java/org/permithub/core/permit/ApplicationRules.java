package org.permithub.core.permit;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.approval.ApprovalMatrix;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.core.gas.GasCatalog;
import org.permithub.core.grading.EscalationReason;
import org.permithub.core.grading.Grades;
import org.permithub.core.profile.RuleLimits;
import org.permithub.core.simops.SimopsActivity;
import org.permithub.core.simops.SimopsOperation;
import org.permithub.core.simops.SimopsPhase;
import org.permithub.core.site.GeoPoint;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.SiteZone;
import org.permithub.core.site.WindReading;

/** The checks of APPLY: identity, window, grade and escalation, validity, type-specific rules, SIMOPS. */
final class ApplicationRules {

    private ApplicationRules() {}

    static Decision check(PermitApplication a, DecisionContext context) {
        Findings f = new Findings();
        Instant now = context.now();
        if (!wellFormed(a, now, f)) {
            return new Decision.Rejected(f.violations);
        }
        RuleLimits limits = context.ruleProfile(a.siteId()).limits();
        Optional<SiteCalendar> calendar = context.siteCalendar(a.siteId());

        checkPeople(a, f);
        checkZone(a, context, f);
        checkDetails(a, limits, f);
        Grading grading = grade(a, context, calendar, limits, now, f);
        if (grading != null) {
            checkValidity(a, grading.grade(), grading.reasons(), limits, f);
        }
        checkTypeSpecific(a, context, f);
        PermitState state = PermitState.APPLIED;
        Simops.check(SimopsOperation.of(a, state, a.plannedEnd()), a.siteId(), context, limits, SimopsPhase.APPLY, f);

        if (!f.passed() || grading == null) {
            if (f.passed()) {
                f.reject("GRADE_UNDETERMINED", null, "the permit's grade could not be determined");
            }
            return new Decision.Rejected(f.violations);
        }
        Set<ApproverRole> approvers = EnumSet.of(ApprovalMatrix.approverFor(a.workType(), grading.grade()));
        approvers.addAll(limits.extraApprovals().rolesFor(a.workType(), grading.grade()));
        PermitTerms terms = new PermitTerms(grading.grade(), grading.reasons(), approvers);
        Permit permit = new Permit(a, state, 1, ActionType.APPLY, now, now, terms,
                null, null, null, null, null, null, null, null);
        return new Decision.Accepted(permit, f.warnings);
    }

    private record Grading(Grade grade, Set<EscalationReason> reasons) {}

    /** The fields without which nothing else can be judged; false when one of them is missing. */
    private static boolean wellFormed(PermitApplication a, Instant now, Findings f) {
        if (blank(a.permitNo())) {
            f.reject("APPLICATION_FIELD_MISSING", "GB30871-2022 Appendix A", "permitNo is required");
        }
        if (blank(a.siteId())) {
            f.reject("APPLICATION_FIELD_MISSING", "GB30871-2022 Appendix A", "siteId is required");
        }
        if (a.workType() == null) {
            f.reject("APPLICATION_FIELD_MISSING", "GB30871-2022 Appendix A", "workType is required");
        }
        if (a.location() == null || blank(a.location().zoneId())) {
            f.reject("APPLICATION_FIELD_MISSING", "GB30871-2022 Appendix A", "location with a zoneId is required");
        } else {
            try {
                new GeoPoint(a.location().lat(), a.location().lon());
            } catch (IllegalArgumentException e) {
                f.reject("APPLICATION_FIELD_INVALID", "GB30871-2022 Appendix A", "location: " + e.getMessage());
            }
        }
        if (a.plannedStart() == null || a.plannedEnd() == null) {
            // GB 30871-2022 Appendix A: every permit states 实施时间起止
            f.reject("PLANNED_WINDOW_INVALID", "GB30871-2022 Appendix A", "plannedStart and plannedEnd are required");
        } else if (!a.plannedEnd().isAfter(a.plannedStart())) {
            f.reject("PLANNED_WINDOW_INVALID", "GB30871-2022 Appendix A", "plannedEnd must be after plannedStart");
        } else if (!a.plannedEnd().isAfter(now)) {
            f.reject("PLANNED_WINDOW_IN_PAST", "GB30871-2022 §4.16",
                    "plannedEnd " + a.plannedEnd() + " has already passed");
        }
        boolean structurallyComplete = f.passed();
        if (!CreditCode.isValid(a.enterpriseCode())) {
            // GB 32100-2015: 18 characters with a check character
            f.reject("ENTERPRISE_CODE_INVALID", "GB32100-2015",
                    "enterpriseCode '" + a.enterpriseCode() + "' is not a valid unified social credit code");
        }
        return structurallyComplete;
    }

    private static void checkPeople(PermitApplication a, Findings f) {
        if (a.workers().isEmpty()) {
            // GB 30871-2022 Appendix A: the permit names its workers (作业人)
            f.reject("WORKERS_MISSING", "GB30871-2022 Appendix A", "at least one worker is required");
        }
        checkGuardianAssigned(a, f);
    }

    /** GB 30871-2022 §4.10: every job has a guardian, who watches the work and does not do it. */
    static void checkGuardianAssigned(PermitApplication a, Findings f) {
        if (blank(a.guardianId())) {
            f.reject("GUARDIAN_MISSING", "GB30871-2022 §4.10", "a guardian is required");
        } else if (a.workers().contains(a.guardianId())) {
            f.reject("GUARDIAN_IS_WORKER", "GB30871-2022 §4.10", "the guardian must not also be a worker");
        }
    }

    private static void checkZone(PermitApplication a, DecisionContext context, Findings f) {
        Optional<SiteZone> zone = context.zone(a.siteId(), a.location().zoneId());
        if (zone.isEmpty()) {
            // GB 30871-2022 §4.11a: approval happens on site, so the zone must be known
            f.reject("ZONE_UNKNOWN", "GB30871-2022 §4.11a",
                    "zone " + a.location().zoneId() + " of site " + a.siteId() + " is not known");
        } else if (!zone.get().contains(new GeoPoint(a.location().lat(), a.location().lon()))) {
            f.reject("LOCATION_OUTSIDE_ZONE", "GB30871-2022 §4.11a",
                    "work point " + a.location().lat() + "," + a.location().lon() + " lies outside zone "
                            + a.location().zoneId());
        }
    }

    private static void checkDetails(PermitApplication a, RuleLimits limits, Findings f) {
        WorkDetails d = a.details();
        if (d.activities().contains(SimopsActivity.ANY_WORK)) {
            f.reject("WORK_DETAILS_INVALID", null, "activities: ANY_WORK is a rule wildcard, not an activity");
        }
        GasCatalog catalog = limits.gas().catalog();
        for (String gas : d.toxicGases()) {
            if (catalog.find(gas).isEmpty()) {
                // GB 30871-2022 §6.4b: a toxic gas without a known limit cannot be judged
                f.reject("TOXIC_GAS_UNKNOWN", "GB30871-2022 §6.4b",
                        "toxicGases: '" + gas + "' is not in the gas catalog");
            }
        }
        if (d.workingHeightM() != null && !(d.workingHeightM() >= 0)) {
            f.reject("WORK_DETAILS_INVALID", null, "workingHeightM must not be negative");
        }
        if (d.liftLoadTonnes() != null && !(d.liftLoadTonnes() > 0)) {
            f.reject("WORK_DETAILS_INVALID", null, "liftLoadTonnes must be positive");
        }
        if (d.excavationDepthM() != null && !(d.excavationDepthM() >= 0)) {
            f.reject("WORK_DETAILS_INVALID", null, "excavationDepthM must not be negative");
        }
    }

    private static Grading grade(PermitApplication a, DecisionContext context, Optional<SiteCalendar> calendar,
                                 RuleLimits limits, Instant now, Findings f) {
        WorkDetails d = a.details();
        Grade declared = a.grade();
        switch (a.workType()) {
            case HOT_WORK -> {
                if (declared == null) {
                    f.reject("GRADE_MISSING", "GB30871-2022 §5.1.1", "hot work needs a grade: SPECIAL, GRADE_1 or GRADE_2");
                    return null;
                }
                if (!Grades.isHotWorkGrade(declared)) {
                    f.reject("GRADE_INVALID_FOR_WORK_TYPE", "GB30871-2022 §5.1.1", declared + " is not a hot-work grade");
                    return null;
                }
                Set<EscalationReason> reasons = EnumSet.noneOf(EscalationReason.class);
                if (calendar.isEmpty()) {
                    f.reject("SITE_CALENDAR_UNKNOWN", "GB30871-2022 §5.1.1",
                            "no calendar for site " + a.siteId() + ": night, rest-day and holiday escalation cannot be judged");
                } else if (!d.dayShiftOnly()) {
                    // GB 30871-2022 §5.1.1: holidays, rest days and night raise hot work by one grade
                    SiteCalendar c = calendar.get();
                    if (c.overlapsNight(a.plannedStart(), a.plannedEnd())) {
                        reasons.add(EscalationReason.NIGHT);
                    }
                    if (c.overlapsHoliday(a.plannedStart(), a.plannedEnd())) {
                        reasons.add(EscalationReason.HOLIDAY);
                    }
                    if (c.overlapsRestDay(a.plannedStart(), a.plannedEnd())) {
                        reasons.add(EscalationReason.REST_DAY);
                    }
                }
                if (d.outdoorWork()) {
                    // GB 30871-2022 §5.2.15: wind ≥ force 5 → no outdoor hot work, or raise the grade
                    Optional<WindReading> wind = freshWind(a.siteId(), context, limits, now);
                    if (wind.isEmpty()) {
                        f.reject("WIND_UNKNOWN", "GB30871-2022 §5.2.15",
                                "no wind reading for site " + a.siteId() + " within " + limits.weather().readingMaxAge());
                    } else if (wind.get().beaufortForce() >= limits.weather().hotWorkEscalationForce()) {
                        reasons.add(EscalationReason.WIND);
                    }
                }
                return new Grading(reasons.isEmpty() ? declared : Grades.raiseHotWork(declared), reasons);
            }
            case WORK_AT_HEIGHT -> {
                if (d.workingHeightM() == null) {
                    f.reject("WORK_DETAIL_MISSING", "GB30871-2022 §8.1.1", "workingHeightM is required for work at height");
                    return null;
                }
                Optional<Grade> tableClass = Grades.heightClass(d.workingHeightM(), !d.heightHazards().isEmpty());
                if (tableClass.isEmpty()) {
                    // GB 30871-2022 §3.8: work at height starts at 2 m above the fall datum
                    f.reject("NOT_WORK_AT_HEIGHT", "GB30871-2022 §3.8",
                            d.workingHeightM() + " m is below 2 m: not work at height");
                    return null;
                }
                Set<EscalationReason> reasons = EnumSet.noneOf(EscalationReason.class);
                // GB 30871-2022 §8.1.3 Table 2, Table B.1 note 2
                Grade computed = Grades.heightClassWithSituations(tableClass.get(), d.heightSituations());
                if (computed != tableClass.get()) {
                    reasons.add(EscalationReason.HEIGHT_SITUATION);
                }
                if (d.outdoorWork()) {
                    if (calendar.isEmpty()) {
                        f.reject("SITE_CALENDAR_UNKNOWN", "GB30871-2022 Table B.1",
                                "no calendar for site " + a.siteId() + ": night work at height cannot be judged");
                    } else if (!d.dayShiftOnly() && calendar.get().overlapsNight(a.plannedStart(), a.plannedEnd())) {
                        // Table B.1 note 2: outdoor night work at height under artificial light is Ⅳ
                        reasons.add(EscalationReason.HEIGHT_NIGHT);
                        computed = Grade.CLASS_IV;
                    }
                }
                if (declared == null) {
                    return new Grading(computed, reasons);
                }
                if (!Grades.isHeightClass(declared)) {
                    f.reject("GRADE_INVALID_FOR_WORK_TYPE", "GB30871-2022 §8.1.3", declared + " is not a height class");
                    return null;
                }
                if (Grades.heightRank(declared) < Grades.heightRank(computed)) {
                    f.reject("GRADE_BELOW_REQUIRED", "GB30871-2022 §8.1.3",
                            "work at " + d.workingHeightM() + " m" + (d.heightHazards().isEmpty() ? "" : " with class B hazards")
                                    + " is " + computed + ", the application says " + declared);
                    return null;
                }
                return new Grading(declared, reasons);
            }
            case LIFTING -> {
                if (d.liftLoadTonnes() == null) {
                    f.reject("WORK_DETAIL_MISSING", "GB30871-2022 §9.1", "liftLoadTonnes is required for lifting");
                    return null;
                }
                // GB 30871-2022 §9.1: 一级 > 100 t; 二级 40–100 t; 三级 < 40 t
                Grade computed = Grades.liftingGrade(d.liftLoadTonnes());
                if (d.liftLoadTonnes() < Grades.LIFTING_PERMIT_THRESHOLD_T) {
                    // Table B.1 note 3: under 10 t no permit is needed, a risk analysis is
                    f.warn("LIFTING_PERMIT_NOT_REQUIRED", "GB30871-2022 Table B.1",
                            d.liftLoadTonnes() + " t is under 10 t: no permit needed, but a risk analysis is");
                }
                if (declared == null) {
                    return new Grading(computed, Set.of());
                }
                if (!Grades.isLiftingGrade(declared)) {
                    f.reject("GRADE_INVALID_FOR_WORK_TYPE", "GB30871-2022 §9.1", declared + " is not a lifting grade");
                    return null;
                }
                if (Grades.severityRank(declared) > Grades.severityRank(computed)) {
                    f.reject("GRADE_BELOW_REQUIRED", "GB30871-2022 §9.1",
                            d.liftLoadTonnes() + " t is " + computed + ", the application says " + declared);
                    return null;
                }
                return new Grading(declared, Set.of());
            }
            default -> {
                if (declared != null) {
                    f.reject("GRADE_NOT_APPLICABLE", "GB30871-2022 B.1", a.workType() + " has no grades, got " + declared);
                    return null;
                }
                return new Grading(null, Set.of());
            }
        }
    }

    private static void checkValidity(PermitApplication a, Grade grade, Set<EscalationReason> reasons,
                                      RuleLimits limits, Findings f) {
        boolean special = a.workType() == WorkType.TEMPORARY_POWER && a.details().temporaryPowerSpecialCase();
        Optional<Duration> max = limits.validity().maxFor(a.workType(), grade, special);
        Duration window = Duration.between(a.plannedStart(), a.plannedEnd());
        if (max.isPresent() && window.compareTo(max.get()) > 0) {
            // GB 30871-2022 §5.1.5, §6.10, §8.2.11, §10.8 (or the site's shorter limit)
            f.reject("VALIDITY_TOO_LONG", ValidityLimits.clauseFor(a.workType(), special),
                    "planned window " + window + " exceeds " + max.get() + " for " + a.workType()
                            + (grade == null ? "" : " " + grade)
                            + (reasons.isEmpty() ? "" : " (raised for " + reasons + ")"));
        }
    }

    private static void checkTypeSpecific(PermitApplication a, DecisionContext context, Findings f) {
        WorkDetails d = a.details();
        switch (a.workType()) {
            case TEMPORARY_POWER -> {
                if (d.parentPermitNo() != null) {
                    checkParent(a, context, true, f);
                }
            }
            case BLIND_PLATE -> {
                if (blank(d.pipeId())) {
                    // GB 30871-2022 §7.10: one blind-plate job per pipe, so the pipe must be named
                    f.reject("WORK_DETAIL_MISSING", "GB30871-2022 §7.10", "pipeId is required for blind-plate work");
                }
                if (d.blindPlateNumbers().size() != 1) {
                    // GB 30871-2022 §7.11: one permit, one plate, one action
                    f.reject("BLIND_PLATE_ONE_PLATE_PER_PERMIT", "GB30871-2022 §7.11",
                            "a blind-plate permit covers exactly one plate, got " + d.blindPlateNumbers().size());
                }
                if (d.blindPlateAction() == null) {
                    f.reject("BLIND_PLATE_ACTION_MISSING", "GB30871-2022 §7.11",
                            "blindPlateAction (INSERT or REMOVE) is required: insert and remove need separate permits");
                }
            }
            case CONFINED_SPACE -> {
                if (blank(d.confinedSpaceId())) {
                    f.reject("WORK_DETAIL_MISSING", "GB30871-2022 Table A.2", "confinedSpaceId is required for confined-space work");
                }
            }
            case EXCAVATION -> {
                if (d.excavationDepthM() == null) {
                    f.reject("WORK_DETAIL_MISSING", "GB30871-2022 §3.11", "excavationDepthM is required for excavation");
                } else if (d.excavationDepthM() <= WorkRules.EXCAVATION_MIN_DEPTH_M) {
                    // GB 30871-2022 §3.11: excavation means deeper than 0.5 m
                    f.warn("EXCAVATION_PERMIT_NOT_REQUIRED", "GB30871-2022 §3.11",
                            d.excavationDepthM() + " m is not deeper than 0.5 m");
                }
            }
            default -> { }
        }
    }

    /**
     * GB 30871-2022 §10.8: power for hot work or confined space lasts no longer than that permit.
     * At APPLY also the parent's type and window are checked; at START only that it is known and open.
     */
    static void checkParent(PermitApplication a, DecisionContext context, boolean typeAndWindow, Findings f) {
        String parentNo = a.details().parentPermitNo();
        Optional<Permit> parent = context.permit(parentNo);
        if (parent.isEmpty()) {
            f.reject("PARENT_PERMIT_UNKNOWN", "GB30871-2022 §10.8", "permit " + parentNo + " is not known");
            return;
        }
        Permit p = parent.get();
        if (p.state().isClosed()) {
            f.reject("PARENT_PERMIT_CLOSED", "GB30871-2022 §10.8", "permit " + parentNo + " is " + p.state());
        }
        if (!typeAndWindow) {
            return;
        }
        WorkType type = p.application().workType();
        if (type != WorkType.HOT_WORK && type != WorkType.CONFINED_SPACE) {
            f.reject("PARENT_PERMIT_WRONG_TYPE", "GB30871-2022 §10.8",
                    "permit " + parentNo + " is " + type + ", not hot work or confined space");
        }
        if (a.plannedStart().isBefore(p.application().plannedStart()) || a.plannedEnd().isAfter(p.validUntil())) {
            f.reject("TEMPORARY_POWER_OUTLASTS_PARENT", "GB30871-2022 §10.8",
                    "temporary power " + a.plannedStart() + ".." + a.plannedEnd() + " must lie within permit "
                            + parentNo + " " + p.application().plannedStart() + ".." + p.validUntil());
        }
    }

    static Optional<WindReading> freshWind(String siteId, DecisionContext context, RuleLimits limits, Instant now) {
        return context.wind(siteId)
                .filter(w -> !w.measuredAt().isAfter(now.plusSeconds(60))
                        && Duration.between(w.measuredAt(), now).compareTo(limits.weather().readingMaxAge()) <= 0);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
