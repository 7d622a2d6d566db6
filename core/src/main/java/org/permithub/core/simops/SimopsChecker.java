package org.permithub.core.simops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.permithub.core.permit.PermitState;

/** Checks one operation against the open permits of its site (GB 30871-2022 §4.7, §5.2.8–5.2.9, §6.7, §7.6, §7.10). */
public final class SimopsChecker {

    private SimopsChecker() {}

    public static List<SimopsFinding> check(SimopsOperation candidate, SiteOperationsIndex index,
                                            SimopsRuleTable table, SimopsPhase phase) {
        List<SimopsRule> rules = table.concerning(candidate.activities());
        if (rules.isEmpty()) {
            return List.of();
        }
        double maxDistance = 0;
        boolean sameConfinedSpace = false;
        boolean samePipe = false;
        boolean sameDike = false;
        boolean sameZone = false;
        for (SimopsRule rule : rules) {
            switch (rule.relation()) {
                case WITHIN_DISTANCE -> maxDistance = Math.max(maxDistance, rule.distanceM());
                case SAME_CONFINED_SPACE -> sameConfinedSpace = true;
                case SAME_PIPE -> samePipe = true;
                case SAME_DIKE -> sameDike = true;
                case SAME_ZONE -> sameZone = true;
            }
        }
        List<SimopsFinding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(candidate.permitNo());
        java.util.function.Consumer<SimopsOperation> considerOther = o -> consider(candidate, o, rules, phase, seen, findings);
        if (maxDistance > 0) {
            index.forEachWithin(candidate.point(), maxDistance, considerOther);
        }
        if (sameConfinedSpace) {
            index.forEachSharing(SimopsRelation.SAME_CONFINED_SPACE, candidate.confinedSpaceId(), considerOther);
        }
        if (samePipe) {
            index.forEachSharing(SimopsRelation.SAME_PIPE, candidate.pipeId(), considerOther);
        }
        if (sameDike) {
            index.forEachSharing(SimopsRelation.SAME_DIKE, candidate.dikeId(), considerOther);
        }
        if (sameZone) {
            index.forEachSharing(SimopsRelation.SAME_ZONE, candidate.zoneId(), considerOther);
        }
        return findings;
    }

    private static void consider(SimopsOperation candidate, SimopsOperation other, List<SimopsRule> rules,
                                 SimopsPhase phase, Set<String> seen, List<SimopsFinding> findings) {
        if (!seen.add(other.permitNo()) || !counts(candidate, other, phase)) {
            return;
        }
        double distance = candidate.point().distanceMetresTo(other.point());
        for (SimopsRule rule : rules) {
            if (rule.pairs(candidate.activities(), other.activities()) && related(rule, candidate, other, distance)) {
                findings.add(new SimopsFinding(rule, other, distance));
            }
        }
    }

    private static boolean counts(SimopsOperation candidate, SimopsOperation other, SimopsPhase phase) {
        return switch (phase) {
            case APPLY -> !other.state().isClosed() && candidate.overlaps(other);
            case START -> other.state() == PermitState.ACTIVE;
        };
    }

    private static boolean related(SimopsRule rule, SimopsOperation a, SimopsOperation b, double distance) {
        return switch (rule.relation()) {
            case WITHIN_DISTANCE -> distance <= rule.distanceM();
            case SAME_CONFINED_SPACE -> a.confinedSpaceId() != null && a.confinedSpaceId().equals(b.confinedSpaceId());
            case SAME_PIPE -> a.pipeId() != null && a.pipeId().equals(b.pipeId());
            case SAME_DIKE -> a.dikeId() != null && a.dikeId().equals(b.dikeId());
            case SAME_ZONE -> a.zoneId() != null && a.zoneId().equals(b.zoneId());
        };
    }
}
