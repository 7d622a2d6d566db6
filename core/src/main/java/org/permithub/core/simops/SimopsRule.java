package org.permithub.core.simops;

import java.util.Set;

/**
 * One simultaneous-operations rule: operations with activities {@code first} and {@code second}
 * (either way round) standing in {@code relation} conflict.
 *
 * @param id stable id, e.g. {@code HOT_WORK_GAS_VENTING_30M}
 * @param distanceM for {@link SimopsRelation#WITHIN_DISTANCE}; ignored otherwise
 */
public record SimopsRule(String id, SimopsActivity first, SimopsActivity second, SimopsRelation relation,
                         double distanceM, SimopsOutcome outcome, String clause, String description) {

    public SimopsRule {
        if (id == null || id.isBlank() || first == null || second == null || relation == null || outcome == null) {
            throw new IllegalArgumentException("a SIMOPS rule needs an id, two activities, a relation and an outcome");
        }
        if (relation == SimopsRelation.WITHIN_DISTANCE && (!Double.isFinite(distanceM) || distanceM <= 0)) {
            throw new IllegalArgumentException("SIMOPS rule " + id + " needs a positive distance");
        }
        if (relation != SimopsRelation.WITHIN_DISTANCE) {
            distanceM = 0;
        }
    }

    public boolean concerns(Set<SimopsActivity> activities) {
        return first == SimopsActivity.ANY_WORK || second == SimopsActivity.ANY_WORK
                || activities.contains(first) || activities.contains(second);
    }

    /** Whether {@code a} and {@code b} carry this rule's two activities, either way round. */
    public boolean pairs(Set<SimopsActivity> a, Set<SimopsActivity> b) {
        return (has(a, first) && has(b, second)) || (has(a, second) && has(b, first));
    }

    private static boolean has(Set<SimopsActivity> activities, SimopsActivity wanted) {
        return wanted == SimopsActivity.ANY_WORK || activities.contains(wanted);
    }
}
