package org.permithub.core.permit;

import java.time.Instant;
import java.util.Map;

/**
 * One action on a permit as the rules see it.
 *
 * @param data the action's own fields (gas readings, approver, reason …) as plain JSON values
 * @param actor who did it (the subject of the caller's token, or the hub itself)
 * @param at when it happened (UTC)
 */
public record PermitAction(ActionType type, Map<String, Object> data, String actor, Instant at) {

    public PermitAction {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
