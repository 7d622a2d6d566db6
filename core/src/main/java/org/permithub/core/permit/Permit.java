package org.permithub.core.permit;

import java.time.Instant;

/**
 * The current state of one permit, rebuilt by applying its actions in order.
 *
 * @param version number of actions applied so far (APPLY is version 1)
 * @param lastAction the type of the newest action
 */
public record Permit(
        PermitApplication application,
        PermitState state,
        long version,
        ActionType lastAction,
        Instant appliedAt,
        Instant updatedAt) {

    public String permitNo() {
        return application.permitNo();
    }
}
