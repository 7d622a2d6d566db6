package org.permithub.core.permit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.action.ActionDataException;
import org.permithub.core.action.CancelData;
import org.permithub.core.action.ChangeData;
import org.permithub.core.action.CompleteData;
import org.permithub.core.action.HeadcountData;
import org.permithub.core.action.IsolationConfirmationData;
import org.permithub.core.action.ResumeData;
import org.permithub.core.action.SubjectKind;
import org.permithub.core.action.SuspendData;
import org.permithub.core.approval.ApprovalData;
import org.permithub.core.approval.ApprovalRecord;
import org.permithub.core.gas.GasEvaluator;
import org.permithub.core.gas.GasTestData;
import org.permithub.core.gas.GasTestRecord;
import org.permithub.core.profile.RuleLimits;
import org.permithub.core.site.SiteZone;

/**
 * The permit state machine and its GB 30871-2022 rule checks. Every action is checked here before
 * anything is stored.
 *
 * <pre>
 * APPLIED → APPROVED → (GAS_TESTED) → ACTIVE ⇄ SUSPENDED → COMPLETED → ARCHIVED
 *       ↘ CANCELLED (CANCEL, or CHANGE: §4.16/§4.17)   ↘ EXPIRED (EXPIRE at the validity end)
 * </pre>
 *
 * <p>All time rules are judged at {@link DecisionContext#now()}. Neither {@link #apply} nor
 * {@link #decide} throws: malformed action data is refused with {@code ACTION_DATA_INVALID} naming
 * the field, and an unexpected failure with {@code RULE_EVALUATION_FAILED}. Instances are stateless
 * and thread-safe.
 */
public final class PermitLifecycle {

    /** The actor of actions the hub issues itself (EXPIRE). */
    public static final String SYSTEM_ACTOR = "permit-hub";

    private static final Set<PermitState> OPEN = EnumSet.of(
            PermitState.APPLIED, PermitState.APPROVED, PermitState.GAS_TESTED, PermitState.ACTIVE, PermitState.SUSPENDED);

    private static final Map<ActionType, Set<PermitState>> ALLOWED_FROM = Map.ofEntries(
            Map.entry(ActionType.APPROVE, EnumSet.of(PermitState.APPLIED)),
            Map.entry(ActionType.GAS_TEST, EnumSet.of(
                    PermitState.APPROVED, PermitState.GAS_TESTED, PermitState.ACTIVE, PermitState.SUSPENDED)),
            Map.entry(ActionType.CONFIRM_ISOLATION, OPEN),
            Map.entry(ActionType.START, EnumSet.of(PermitState.APPROVED, PermitState.GAS_TESTED)),
            Map.entry(ActionType.SUSPEND, EnumSet.of(PermitState.ACTIVE)),
            Map.entry(ActionType.RESUME, EnumSet.of(PermitState.SUSPENDED)),
            Map.entry(ActionType.COMPLETE, EnumSet.of(PermitState.ACTIVE, PermitState.SUSPENDED)),
            Map.entry(ActionType.CANCEL, EnumSet.of(
                    PermitState.APPLIED, PermitState.APPROVED, PermitState.GAS_TESTED, PermitState.SUSPENDED)),
            Map.entry(ActionType.CHANGE, OPEN),
            Map.entry(ActionType.ARCHIVE, EnumSet.of(
                    PermitState.COMPLETED, PermitState.CANCELLED, PermitState.EXPIRED)),
            Map.entry(ActionType.ENTRY, EnumSet.of(PermitState.ACTIVE)),
            Map.entry(ActionType.EXIT, EnumSet.of(
                    PermitState.ACTIVE, PermitState.SUSPENDED, PermitState.CANCELLED, PermitState.EXPIRED)),
            Map.entry(ActionType.EXPIRE, OPEN));

    /** Actions refused once the validity end has passed (§4.16); closing actions stay possible. */
    private static final Set<ActionType> NEED_VALIDITY = EnumSet.of(ActionType.APPROVE, ActionType.GAS_TEST,
            ActionType.CONFIRM_ISOLATION, ActionType.START, ActionType.RESUME, ActionType.ENTRY);

    /** Checks an application and, if it passes, returns the new permit in state APPLIED. */
    public Decision apply(PermitApplication application, String actor, DecisionContext context) {
        try {
            return ApplicationRules.check(application, context);
        } catch (ActionDataException e) {
            return reject("ACTION_DATA_INVALID", null, e.getMessage());
        } catch (RuntimeException e) {
            return reject("RULE_EVALUATION_FAILED", null, "the application could not be evaluated: " + e);
        }
    }

    /** Checks one further action against the permit's current state and the rules. */
    public Decision decide(Permit permit, PermitAction action, DecisionContext context) {
        if (permit == null || action == null || action.type() == null) {
            return reject("ACTION_DATA_INVALID", null, "a permit and an action with a type are required");
        }
        try {
            return decideChecked(permit, action, context);
        } catch (ActionDataException e) {
            return reject("ACTION_DATA_INVALID", null, action.type() + " data " + e.getMessage());
        } catch (RuntimeException e) {
            return reject("RULE_EVALUATION_FAILED", null, "the action could not be evaluated: " + e);
        }
    }

    /**
     * The EXPIRE action the hub's scheduler should submit for {@code permit} at {@code now}: present
     * when the permit is still open and its validity end has been reached (§4.16).
     */
    public Optional<PermitAction> expiryAction(Permit permit, Instant now) {
        if (!OPEN.contains(permit.state()) || now.isBefore(permit.validUntil())) {
            return Optional.empty();
        }
        return Optional.of(new PermitAction(ActionType.EXPIRE,
                Map.of("validUntil", permit.validUntil().toString()), SYSTEM_ACTOR, now));
    }

    /** The permits among {@code permits} due for EXPIRE at {@code now}. */
    public List<Permit> dueForExpiry(Collection<Permit> permits, Instant now) {
        List<Permit> due = new ArrayList<>();
        for (Permit permit : permits) {
            if (expiryAction(permit, now).isPresent()) {
                due.add(permit);
            }
        }
        return due;
    }

    /**
     * For the hub's scheduler: a warning when an ACTIVE permit that needs continuous monitoring
     * (特级 hot work §5.3.1d, confined space §6.5) has had no gas reading for longer than the
     * recording interval (2 h). The permit itself is flagged MONITORING_GAP at its next action.
     */
    public Optional<Warning> monitoringAlert(Permit permit, DecisionContext context) {
        if (permit.state() != PermitState.ACTIVE || !WorkRules.continuousMonitoring(permit)) {
            return Optional.empty();
        }
        Duration interval = context.ruleProfile(permit.application().siteId()).limits().gas().monitoringRecordInterval();
        Instant last = lastMonitoringReading(permit);
        Duration gap = Duration.between(last, context.now());
        if (gap.compareTo(interval) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Warning("MONITORING_OVERDUE", monitoringClause(permit),
                "no gas reading recorded for " + gap + " (interval " + interval + ")", null));
    }

    private Decision decideChecked(Permit permit, PermitAction action, DecisionContext context) {
        if (action.type() == ActionType.APPLY) {
            return reject("PERMIT_ALREADY_EXISTS", null, "permit " + permit.permitNo() + " already exists");
        }
        var allowed = ALLOWED_FROM.getOrDefault(action.type(), Set.of());
        if (!allowed.contains(permit.state())) {
            return reject("ACTION_NOT_ALLOWED_IN_STATE", null,
                    action.type() + " is not allowed while the permit is " + permit.state());
        }
        Instant now = context.now();
        if (NEED_VALIDITY.contains(action.type()) && !now.isBefore(permit.validUntil())) {
            // GB 30871-2022 §4.16: past its validity the permit must be issued again
            return reject("PERMIT_VALIDITY_PASSED", "GB30871-2022 §4.16",
                    "the permit was valid until " + permit.validUntil());
        }
        RuleLimits limits = context.ruleProfile(permit.application().siteId()).limits();
        Findings f = new Findings();
        PermitEvolution next = new PermitEvolution(permit);
        Map<String, Object> data = action.data();
        Instant monitoredUntil = now;

        switch (action.type()) {
            case APPROVE -> approve(permit, ApprovalData.parse(data), context, now, f, next);
            case GAS_TEST -> monitoredUntil = gasTest(permit, GasTestData.parse(data), limits, now, f, next);
            case CONFIRM_ISOLATION -> confirmIsolation(permit, IsolationConfirmationData.parse(data), f, next);
            case START -> {
                WorkPreconditions.checkFreshGas(permit, limits, now, f);
                WorkPreconditions.check(permit, context, limits, now, f);
                next.state(PermitState.ACTIVE).activeSince(now);
            }
            case SUSPEND -> next.state(PermitState.SUSPENDED)
                    .suspension(new Suspension(now, SuspendData.parse(data).reason(), false));
            case RESUME -> resume(permit, ResumeData.parse(data), context, limits, now, f, next);
            case COMPLETE -> {
                CompleteData.parse(data); // GB 30871-2022 §4.15: completion sign-off names who accepted
                requireNobodyInside(permit, f);
                next.state(PermitState.COMPLETED).suspension(null);
            }
            case CANCEL -> {
                CancelData.parse(data);
                requireNobodyInside(permit, f);
                next.state(PermitState.CANCELLED);
            }
            case CHANGE -> change(permit, ChangeData.parse(data), now, f, next);
            case ARCHIVE -> {
                requireNobodyInside(permit, f);
                next.state(PermitState.ARCHIVED);
            }
            case ENTRY, EXIT -> headcount(permit, action.type(), HeadcountData.parse(data), f, next);
            case EXPIRE -> expire(permit, now, f, next);
            default -> f.reject("ACTION_NOT_ALLOWED_IN_STATE", null, action.type() + " is not handled");
        }
        if (f.passed()) {
            checkMonitoring(permit, monitoredUntil, limits, f, next);
        }
        return f.decide(next.after(action, now));
    }

    // GB 30871-2022 §4.11: the approver signs on site, at the level Table B.1 sets
    private static void approve(Permit permit, ApprovalData data, DecisionContext context, Instant now,
                                Findings f, PermitEvolution next) {
        PermitApplication a = permit.application();
        if (!permit.terms().requiredApprovals().contains(data.approverRole())) {
            f.reject("APPROVER_ROLE_MISMATCH", "GB30871-2022 Table B.1",
                    data.approverRole() + " does not approve " + a.workType()
                            + (permit.effectiveGrade() == null ? "" : " " + permit.effectiveGrade())
                            + "; required: " + permit.terms().requiredApprovals());
        } else if (permit.approvals().stream().anyMatch(r -> r.role() == data.approverRole())) {
            f.reject("APPROVAL_ALREADY_RECORDED", "GB30871-2022 Table B.1", data.approverRole() + " has already signed");
        }
        if (!context.approverRoles(a.siteId(), data.approverId()).contains(data.approverRole())) {
            // GB 30871-2022 §4.11b: the approval level must match the enterprise's rules
            f.reject("APPROVER_ROLE_UNVERIFIED", "GB30871-2022 §4.11b",
                    data.approverId() + " is not known to hold " + data.approverRole() + " at site " + a.siteId());
        }
        Optional<SiteZone> zone = context.zone(a.siteId(), a.location().zoneId());
        if (zone.isEmpty()) {
            f.reject("ZONE_UNKNOWN", "GB30871-2022 §4.11a", "zone " + a.location().zoneId() + " is not known");
        } else if (!zone.get().contains(data.position())) {
            // GB 30871-2022 §4.11a: approval is completed at the work site
            f.reject("APPROVAL_NOT_ON_SITE", "GB30871-2022 §4.11a",
                    "approval position " + data.position().lat() + "," + data.position().lon() + " is outside zone "
                            + a.location().zoneId());
        }
        if (data.at().isBefore(permit.appliedAt()) || data.at().isAfter(now.plus(GasEvaluator.MAX_CLOCK_SKEW))) {
            f.reject("APPROVAL_TIME_IMPLAUSIBLE", "GB30871-2022 §4.11a",
                    "approval time " + data.at() + " must lie between the application " + permit.appliedAt()
                            + " and now " + now);
        }
        if (!f.passed()) {
            return;
        }
        next.approval(new ApprovalRecord(data.approverId(), data.approverRole(), data.position(), data.at(), now));
        boolean complete = permit.missingApprovals().stream().allMatch(r -> r == data.approverRole());
        if (complete) {
            next.state(PermitState.APPROVED);
        }
    }

    /** Records the test; returns the time of its first sample (the end of any monitoring gap). */
    private static Instant gasTest(Permit permit, GasTestData data, RuleLimits limits, Instant now,
                                   Findings f, PermitEvolution next) {
        GasTestRecord record = GasEvaluator.evaluate(data, WorkRules.gasRequirements(permit.application()),
                limits.gas(), now);
        GasTestRecord previous = permit.lastGasTest();
        boolean newest = previous == null || !record.newestSampleAt().isBefore(previous.newestSampleAt());
        if (newest) {
            next.lastGasTest(record);
        } else {
            f.warn("GAS_TEST_OUT_OF_ORDER", null, "this test was sampled before the latest recorded one ("
                    + previous.newestSampleAt() + "); it is recorded but does not replace it");
        }
        if (record.passed()) {
            if (newest && permit.state() == PermitState.APPROVED) {
                next.state(PermitState.GAS_TESTED);
            }
            return record.oldestSampleAt();
        }
        f.warn("GAS_TEST_FAILED", WorkRules.stalenessClause(permit.application()), WorkPreconditions.summary(record));
        if (permit.state() == PermitState.ACTIVE) {
            // GB 30871-2022 §6.5 (§4.8, §5.2.6): on an alarm stop the work, and re-test before resuming
            next.state(PermitState.SUSPENDED).flag(PermitFlag.GAS_ALARM)
                    .suspension(new Suspension(now, "gas alarm", true));
            f.warn("GAS_ALARM_WORK_SUSPENDED", "GB30871-2022 §6.5",
                    "work suspended: stop, evacuate, and re-test before resuming");
        }
        return record.oldestSampleAt();
    }

    private static void confirmIsolation(Permit permit, IsolationConfirmationData data, Findings f,
                                         PermitEvolution next) {
        if (!data.method().accepted()) {
            // GB 30871-2022 §5.2.2, §6.1a: water seals or closed valves do not replace a blind plate
            f.reject("ISOLATION_METHOD_NOT_ACCEPTED", "GB30871-2022 §6.1a",
                    data.method() + " is not an isolation: use a blind plate or remove a pipe spool");
        }
        List<String> declared = permit.application().details().isolationPoints();
        for (String point : data.pointIds()) {
            if (!declared.contains(point)) {
                f.reject("ISOLATION_POINT_UNKNOWN", "GB30871-2022 §4.2b",
                        "isolation point " + point + " is not on the permit; declared: " + declared);
            }
        }
        next.confirmIsolation(data.pointIds());
    }

    private static void resume(Permit permit, ResumeData data, DecisionContext context, RuleLimits limits,
                               Instant now, Findings f, PermitEvolution next) {
        WorkPreconditions.checkGasForResume(permit, context, limits, now, f);
        WorkPreconditions.check(permit, context, limits, now, f);
        if (permit.application().workType() == WorkType.WORK_AT_HEIGHT && data.conditionsConfirmedBy().isEmpty()) {
            // GB 30871-2022 §8.2.11: after an interruption, re-confirm conditions and measures
            f.reject("CONDITIONS_NOT_RECONFIRMED", "GB30871-2022 §8.2.11",
                    "conditionsConfirmedBy is required to resume work at height");
        }
        next.state(PermitState.ACTIVE).activeSince(now).suspension(null);
    }

    private static void change(Permit permit, ChangeData data, Instant now, Findings f, PermitEvolution next) {
        // GB 30871-2022 §4.16, §4.17: the permit is void; a new permit is needed
        next.state(PermitState.CANCELLED).suspension(null)
                .invalidation(new Invalidation(data.kind(), data.description(), data.kind().clause(), now));
        f.warn("PERMIT_INVALIDATED", data.kind().clause(),
                "permit void after a " + data.kind() + " change; a new permit is needed");
        if (!permit.occupancy().vacant()) {
            f.warn("OCCUPANTS_INSIDE", "GB30871-2022 §6.8c", "still inside: " + permit.occupancy().describe());
        }
    }

    private static void headcount(Permit permit, ActionType type, HeadcountData data, Findings f, PermitEvolution next) {
        PermitApplication a = permit.application();
        if (!WorkRules.confinedSpaceRules(a)) {
            f.reject("HEADCOUNT_NOT_APPLICABLE", "GB30871-2022 §6.8c",
                    type + " is recorded for confined-space work only, not " + a.workType());
            return;
        }
        boolean tool = data.kind() == SubjectKind.TOOL;
        Occupancy occupancy = permit.occupancy();
        if (type == ActionType.ENTRY) {
            if (!tool && data.subjectId().equals(a.guardianId())) {
                // GB 30871-2022 §6.8a: the guardian stays outside
                f.reject("GUARDIAN_MUST_STAY_OUTSIDE", "GB30871-2022 §6.8a", "the guardian must not enter the space");
            } else if (!tool && !a.workers().contains(data.subjectId())) {
                f.reject("ENTRY_PERSON_NOT_ON_PERMIT", "GB30871-2022 §6.8c",
                        data.subjectId() + " is not a worker on this permit");
            } else if (occupancy.contains(data.subjectId(), tool)) {
                f.reject("SUBJECT_ALREADY_INSIDE", "GB30871-2022 §6.8c", data.subjectId() + " is already inside");
            }
            next.occupancy(occupancy.with(data.subjectId(), tool));
        } else {
            if (!occupancy.contains(data.subjectId(), tool)) {
                f.reject("SUBJECT_NOT_INSIDE", "GB30871-2022 §6.8c", data.subjectId() + " is not recorded inside");
            }
            next.occupancy(occupancy.without(data.subjectId(), tool));
        }
    }

    private static void expire(Permit permit, Instant now, Findings f, PermitEvolution next) {
        if (now.isBefore(permit.validUntil())) {
            f.reject("EXPIRY_NOT_DUE", "GB30871-2022 §4.16", "the permit is valid until " + permit.validUntil());
            return;
        }
        next.state(PermitState.EXPIRED).suspension(null);
        if (!permit.occupancy().vacant()) {
            f.warn("OCCUPANTS_INSIDE", "GB30871-2022 §6.8c", "still inside: " + permit.occupancy().describe());
        }
    }

    /** GB 30871-2022 §6.8c: the guardian counts people and tools out before the job closes. */
    private static void requireNobodyInside(Permit permit, Findings f) {
        if (!permit.occupancy().vacant()) {
            f.reject("OCCUPANTS_INSIDE", "GB30871-2022 §6.8c", "still inside: " + permit.occupancy().describe());
        }
    }

    /** GB 30871-2022 §5.3.1d, §6.5: readings at least every 2 h while work goes on, or the permit is flagged. */
    private static void checkMonitoring(Permit permit, Instant until, RuleLimits limits, Findings f,
                                        PermitEvolution next) {
        if (permit.state() != PermitState.ACTIVE || !WorkRules.continuousMonitoring(permit)) {
            return;
        }
        Duration interval = limits.gas().monitoringRecordInterval();
        Duration gap = Duration.between(lastMonitoringReading(permit), until);
        if (gap.compareTo(interval) > 0) {
            next.flag(PermitFlag.MONITORING_GAP);
            f.warn("MONITORING_GAP", monitoringClause(permit),
                    "no gas reading recorded for " + gap + " (interval " + interval + ")");
        }
    }

    private static Instant lastMonitoringReading(Permit permit) {
        Instant last = permit.activeSince() != null ? permit.activeSince() : permit.updatedAt();
        GasTestRecord test = permit.lastGasTest();
        if (test != null && test.newestSampleAt().isAfter(last)) {
            last = test.newestSampleAt();
        }
        return last;
    }

    private static String monitoringClause(Permit permit) {
        return permit.application().workType() == WorkType.HOT_WORK ? "GB30871-2022 §5.3.1d" : "GB30871-2022 §6.5";
    }

    private static Decision reject(String code, String clause, String detail) {
        return new Decision.Rejected(List.of(new Violation(code, clause, detail)));
    }
}
