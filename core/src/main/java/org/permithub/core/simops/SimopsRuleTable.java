package org.permithub.core.simops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The simultaneous-operations rules, as data. */
public record SimopsRuleTable(List<SimopsRule> rules) {

    public SimopsRuleTable {
        Map<String, SimopsRule> byId = new LinkedHashMap<>();
        for (SimopsRule rule : rules) {
            if (byId.put(rule.id(), rule) != null) {
                throw new IllegalArgumentException("duplicate SIMOPS rule id " + rule.id());
            }
        }
        rules = List.copyOf(rules);
    }

    /** The rules GB 30871-2022 states, plus the §4.7 cross-work warning. */
    public static SimopsRuleTable gb30871() {
        return new SimopsRuleTable(List.of(
                // GB 30871-2022 §5.2.9: no combustible-gas venting within 30 m of hot work
                distance("HOT_WORK_GAS_VENTING_30M", SimopsActivity.HOT_WORK, SimopsActivity.COMBUSTIBLE_GAS_VENTING,
                        30, "GB30871-2022 §5.2.9", "combustible gas vented within 30 m of hot work"),
                // GB 30871-2022 §5.2.9: no flammable-liquid discharge within 15 m
                distance("HOT_WORK_LIQUID_DISCHARGE_15M", SimopsActivity.HOT_WORK, SimopsActivity.FLAMMABLE_LIQUID_DISCHARGE,
                        15, "GB30871-2022 §5.2.9", "flammable liquid discharged within 15 m of hot work"),
                // GB 30871-2022 §5.2.9: no solvent cleaning or painting within 10 m (or above/below)
                distance("HOT_WORK_SOLVENT_CLEANING_10M", SimopsActivity.HOT_WORK, SimopsActivity.SOLVENT_CLEANING,
                        10, "GB30871-2022 §5.2.9", "solvent cleaning within 10 m of hot work"),
                distance("HOT_WORK_PAINTING_10M", SimopsActivity.HOT_WORK, SimopsActivity.PAINTING,
                        10, "GB30871-2022 §5.2.9", "painting within 10 m of hot work"),
                // GB 30871-2022 §5.2.9: no combustible-dust sweeping within 10 m
                distance("HOT_WORK_DUST_SWEEPING_10M", SimopsActivity.HOT_WORK, SimopsActivity.COMBUSTIBLE_DUST_SWEEPING,
                        10, "GB30871-2022 §5.2.9", "combustible dust swept within 10 m of hot work"),
                // GB 30871-2022 §5.2.8: no draining or sampling in the same tank-farm dike during hot work
                new SimopsRule("HOT_WORK_DIKE_DRAINING_SAMPLING", SimopsActivity.HOT_WORK,
                        SimopsActivity.TANK_DRAINING_OR_SAMPLING, SimopsRelation.SAME_DIKE, 0, SimopsOutcome.REJECT,
                        "GB30871-2022 §5.2.8", "draining or sampling inside the dike where hot work is going on"),
                // GB 30871-2022 §7.6: no hot work within 30 m of a blind-plate job
                distance("BLIND_PLATE_HOT_WORK_30M", SimopsActivity.BLIND_PLATE_WORK, SimopsActivity.HOT_WORK,
                        30, "GB30871-2022 §7.6", "hot work within 30 m of blind-plate work"),
                // GB 30871-2022 §7.10: one blind-plate job per pipe at a time
                new SimopsRule("BLIND_PLATE_SAME_PIPE", SimopsActivity.BLIND_PLATE_WORK, SimopsActivity.BLIND_PLATE_WORK,
                        SimopsRelation.SAME_PIPE, 0, SimopsOutcome.REJECT, "GB30871-2022 §7.10",
                        "two blind-plate jobs on the same pipe"),
                // GB 30871-2022 §6.7: no painting inside a confined space with hot work inside
                new SimopsRule("CONFINED_SPACE_HOT_WORK_PAINTING", SimopsActivity.HOT_WORK, SimopsActivity.PAINTING,
                        SimopsRelation.SAME_CONFINED_SPACE, 0, SimopsOutcome.REJECT, "GB30871-2022 §6.7",
                        "painting inside a confined space where hot work is going on"),
                // GB 30871-2022 §4.7: cross-work in one area needs a named coordinator: a warning, not a refusal
                new SimopsRule("CROSS_WORK_SAME_ZONE", SimopsActivity.ANY_WORK, SimopsActivity.ANY_WORK,
                        SimopsRelation.SAME_ZONE, 0, SimopsOutcome.WARN, "GB30871-2022 §4.7",
                        "cross-work in the same zone: a coordinator and a joint risk identification are needed")));
    }

    private static SimopsRule distance(String id, SimopsActivity a, SimopsActivity b, double metres, String clause,
                                       String description) {
        return new SimopsRule(id, a, b, SimopsRelation.WITHIN_DISTANCE, metres, SimopsOutcome.REJECT, clause, description);
    }

    public Optional<SimopsRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** This table with {@code changes} added, or replacing rules of the same id. */
    public SimopsRuleTable with(List<SimopsRule> changes) {
        Map<String, SimopsRule> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        changes.forEach(r -> byId.put(r.id(), r));
        return new SimopsRuleTable(new ArrayList<>(byId.values()));
    }

    /** The rules that can involve an operation with these activities. */
    public List<SimopsRule> concerning(Set<SimopsActivity> activities) {
        List<SimopsRule> result = new ArrayList<>();
        for (SimopsRule rule : rules) {
            if (rule.concerns(activities)) {
                result.add(rule);
            }
        }
        return result;
    }

    /**
     * Parses one rule written as
     * {@code FIRST;SECOND;RELATION;distanceM;OUTCOME;clause;description} (distance may be empty
     * for relations other than WITHIN_DISTANCE), e.g.
     * {@code HOT_WORK;PAINTING;WITHIN_DISTANCE;15;REJECT;site rule 7;painting within 15 m}.
     */
    public static SimopsRule parseRule(String id, String text) {
        String[] parts = text.split(";", -1);
        if (parts.length < 5) {
            throw new IllegalArgumentException("SIMOPS rule " + id
                    + " must read FIRST;SECOND;RELATION;distanceM;OUTCOME[;clause[;description]], got '" + text + "'");
        }
        try {
            SimopsActivity first = SimopsActivity.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
            SimopsActivity second = SimopsActivity.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
            SimopsRelation relation = SimopsRelation.valueOf(parts[2].strip().toUpperCase(Locale.ROOT));
            double distance = parts[3].isBlank() ? 0 : Double.parseDouble(parts[3].strip());
            SimopsOutcome outcome = SimopsOutcome.valueOf(parts[4].strip().toUpperCase(Locale.ROOT));
            String clause = parts.length > 5 && !parts[5].isBlank() ? parts[5].strip() : "site rule " + id;
            String description = parts.length > 6 && !parts[6].isBlank() ? parts[6].strip() : id;
            return new SimopsRule(id, first, second, relation, distance, outcome, clause, description);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SIMOPS rule " + id + " cannot be read from '" + text + "': "
                    + e.getMessage(), e);
        }
    }
}
