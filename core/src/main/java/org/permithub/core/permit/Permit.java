package org.permithub.core.permit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.approval.ApprovalRecord;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.gas.GasTestRecord;

/**
 * The current state of one permit, as the latest accepted decision returned it. The hub stores it
 * (all components are plain records, enums, sets, lists and instants, so Jackson with the JSR-310
 * module serialises it).
 *
 * @param version number of actions applied so far (APPLY is version 1)
 * @param lastAction the type of the newest action
 * @param terms grade, escalations and approvers fixed at APPLY
 * @param approvals signatures so far
 * @param lastGasTest the newest gas test (null before the first)
 * @param activeSince decision time of the latest START or RESUME (null when never active)
 * @param suspension set while SUSPENDED
 * @param occupancy people and tools inside (confined-space rules)
 * @param confirmedIsolationPoints isolation points confirmed by CONFIRM_ISOLATION
 * @param flags marks for supervisors
 * @param invalidation set when a CHANGE voided the permit
 */
public record Permit(
        PermitApplication application,
        PermitState state,
        long version,
        ActionType lastAction,
        Instant appliedAt,
        Instant updatedAt,
        PermitTerms terms,
        List<ApprovalRecord> approvals,
        GasTestRecord lastGasTest,
        Instant activeSince,
        Suspension suspension,
        Occupancy occupancy,
        Set<String> confirmedIsolationPoints,
        Set<PermitFlag> flags,
        Invalidation invalidation) {

    public Permit {
        terms = terms == null ? PermitTerms.asDeclared(application) : terms;
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        occupancy = occupancy == null ? Occupancy.EMPTY : occupancy;
        confirmedIsolationPoints = confirmedIsolationPoints == null ? Set.of() : Set.copyOf(confirmedIsolationPoints);
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }

    /** The original shape: terms taken as declared, no approvals, tests or occupancy recorded. */
    public Permit(PermitApplication application, PermitState state, long version, ActionType lastAction,
                  Instant appliedAt, Instant updatedAt) {
        this(application, state, version, lastAction, appliedAt, updatedAt,
                null, null, null, null, null, null, null, null, null);
    }

    public String permitNo() {
        return application.permitNo();
    }

    /** The grade the rules use (see {@link PermitTerms#effectiveGrade()}). */
    public Grade effectiveGrade() {
        return terms.effectiveGrade();
    }

    /** The end of validity: the planned end. At or after it the permit is due for EXPIRE (§4.16). */
    public Instant validUntil() {
        return application.plannedEnd();
    }

    public Optional<GasTestRecord> gasTest() {
        return Optional.ofNullable(lastGasTest);
    }

    /** Roles still to sign. */
    public Set<ApproverRole> missingApprovals() {
        var missing = java.util.EnumSet.noneOf(ApproverRole.class);
        missing.addAll(terms.requiredApprovals());
        approvals.forEach(a -> missing.remove(a.role()));
        return missing;
    }
}
