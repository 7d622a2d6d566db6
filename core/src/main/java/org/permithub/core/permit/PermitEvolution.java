package org.permithub.core.permit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.permithub.core.approval.ApprovalRecord;
import org.permithub.core.gas.GasTestRecord;

/** The next version of a permit, built from the current one by one accepted action. */
final class PermitEvolution {

    private final Permit from;
    private PermitState state;
    private final List<ApprovalRecord> approvals;
    private GasTestRecord lastGasTest;
    private Instant activeSince;
    private Suspension suspension;
    private Occupancy occupancy;
    private final Set<String> confirmedIsolationPoints;
    private final Set<PermitFlag> flags;
    private Invalidation invalidation;

    PermitEvolution(Permit from) {
        this.from = from;
        this.state = from.state();
        this.approvals = new ArrayList<>(from.approvals());
        this.lastGasTest = from.lastGasTest();
        this.activeSince = from.activeSince();
        this.suspension = from.suspension();
        this.occupancy = from.occupancy();
        this.confirmedIsolationPoints = new TreeSet<>(from.confirmedIsolationPoints());
        this.flags = from.flags().isEmpty() ? EnumSet.noneOf(PermitFlag.class) : EnumSet.copyOf(from.flags());
        this.invalidation = from.invalidation();
    }

    PermitEvolution state(PermitState value) { this.state = value; return this; }
    PermitEvolution approval(ApprovalRecord value) { this.approvals.add(value); return this; }
    PermitEvolution lastGasTest(GasTestRecord value) { this.lastGasTest = value; return this; }
    PermitEvolution activeSince(Instant value) { this.activeSince = value; return this; }
    PermitEvolution suspension(Suspension value) { this.suspension = value; return this; }
    PermitEvolution occupancy(Occupancy value) { this.occupancy = value; return this; }
    PermitEvolution confirmIsolation(List<String> points) { this.confirmedIsolationPoints.addAll(points); return this; }
    PermitEvolution flag(PermitFlag value) { this.flags.add(value); return this; }
    PermitEvolution invalidation(Invalidation value) { this.invalidation = value; return this; }

    /** The new version; {@code updatedAt} is the action's own time, or the decision time when it has none. */
    Permit after(PermitAction action, Instant now) {
        Instant updatedAt = action.at() != null ? action.at() : now;
        return new Permit(from.application(), state, from.version() + 1, action.type(), from.appliedAt(), updatedAt,
                from.terms(), approvals, lastGasTest, activeSince, suspension, occupancy, confirmedIsolationPoints,
                flags, invalidation);
    }
}
