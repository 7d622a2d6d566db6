package org.permithub.core.permit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The permit state machine. Every action is checked here before anything is stored.
 *
 * <p>This is the lifecycle skeleton: which action is allowed in which state. The GB 30871 rule
 * checks that gate each transition are added behind {@link #decide}.
 */
public final class PermitLifecycle {

    private static final Map<ActionType, Set<PermitState>> ALLOWED_FROM = Map.ofEntries(
            Map.entry(ActionType.APPROVE, EnumSet.of(PermitState.APPLIED)),
            Map.entry(ActionType.GAS_TEST, EnumSet.of(
                    PermitState.APPROVED, PermitState.GAS_TESTED, PermitState.ACTIVE, PermitState.SUSPENDED)),
            Map.entry(ActionType.START, EnumSet.of(PermitState.APPROVED, PermitState.GAS_TESTED)),
            Map.entry(ActionType.SUSPEND, EnumSet.of(PermitState.ACTIVE)),
            Map.entry(ActionType.RESUME, EnumSet.of(PermitState.SUSPENDED)),
            Map.entry(ActionType.COMPLETE, EnumSet.of(PermitState.ACTIVE, PermitState.SUSPENDED)),
            Map.entry(ActionType.CANCEL, EnumSet.of(
                    PermitState.APPLIED, PermitState.APPROVED, PermitState.GAS_TESTED, PermitState.SUSPENDED)),
            Map.entry(ActionType.ARCHIVE, EnumSet.of(
                    PermitState.COMPLETED, PermitState.CANCELLED, PermitState.EXPIRED)),
            Map.entry(ActionType.ENTRY, EnumSet.of(PermitState.ACTIVE)),
            Map.entry(ActionType.EXIT, EnumSet.of(PermitState.ACTIVE, PermitState.SUSPENDED)),
            Map.entry(ActionType.EXPIRE, EnumSet.of(
                    PermitState.APPLIED, PermitState.APPROVED, PermitState.GAS_TESTED,
                    PermitState.ACTIVE, PermitState.SUSPENDED)));

    /** Checks an application and, if it passes, returns the new permit in state APPLIED. */
    public Decision apply(PermitApplication application, String actor, DecisionContext context) {
        List<Violation> violations = new ArrayList<>();
        if (application.plannedStart() != null && application.plannedEnd() != null
                && !application.plannedEnd().isAfter(application.plannedStart())) {
            violations.add(new Violation("PLANNED_WINDOW_INVALID", null,
                    "plannedEnd must be after plannedStart"));
        }
        if (application.guardianId() != null && application.workers().contains(application.guardianId())) {
            // GB 30871-2022 §4.10: the guardian watches the work and does not do it
            violations.add(new Violation("GUARDIAN_IS_WORKER", "GB30871-2022 §4.10",
                    "the guardian must not also be a worker"));
        }
        if (!violations.isEmpty()) {
            return new Decision.Rejected(violations);
        }
        var now = context.now();
        return new Decision.Accepted(new Permit(application, PermitState.APPLIED, 1, ActionType.APPLY, now, now));
    }

    /** Checks one further action against the permit's current state. */
    public Decision decide(Permit permit, PermitAction action, DecisionContext context) {
        if (action.type() == ActionType.APPLY) {
            return reject("PERMIT_ALREADY_EXISTS", null, "permit " + permit.permitNo() + " already exists");
        }
        var allowed = ALLOWED_FROM.getOrDefault(action.type(), Set.of());
        if (!allowed.contains(permit.state())) {
            return reject("ACTION_NOT_ALLOWED_IN_STATE", null,
                    action.type() + " is not allowed while the permit is " + permit.state());
        }
        return new Decision.Accepted(new Permit(permit.application(), nextState(permit.state(), action.type()),
                permit.version() + 1, action.type(), permit.appliedAt(), action.at()));
    }

    private static PermitState nextState(PermitState current, ActionType type) {
        return switch (type) {
            case APPROVE -> PermitState.APPROVED;
            case GAS_TEST -> current == PermitState.APPROVED ? PermitState.GAS_TESTED : current;
            case START, RESUME -> PermitState.ACTIVE;
            case SUSPEND -> PermitState.SUSPENDED;
            case COMPLETE -> PermitState.COMPLETED;
            case CANCEL -> PermitState.CANCELLED;
            case ARCHIVE -> PermitState.ARCHIVED;
            case EXPIRE -> PermitState.EXPIRED;
            case ENTRY, EXIT, APPLY -> current;
        };
    }

    private static Decision reject(String code, String clause, String detail) {
        return new Decision.Rejected(List.of(new Violation(code, clause, detail)));
    }
}
