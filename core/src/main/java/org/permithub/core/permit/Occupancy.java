package org.permithub.core.permit;

import java.util.Set;
import java.util.TreeSet;

/** Who and what is inside a confined space now (GB 30871-2022 §6.8c). */
public record Occupancy(Set<String> people, Set<String> tools) {

    public static final Occupancy EMPTY = new Occupancy(Set.of(), Set.of());

    public Occupancy {
        people = Set.copyOf(people);
        tools = Set.copyOf(tools);
    }

    /** Nobody and nothing inside. (Not named isEmpty, so that Jackson does not see a property.) */
    public boolean vacant() {
        return people.isEmpty() && tools.isEmpty();
    }

    public boolean contains(String subjectId, boolean tool) {
        return tool ? tools.contains(subjectId) : people.contains(subjectId);
    }

    public Occupancy with(String subjectId, boolean tool) {
        return tool ? new Occupancy(people, plus(tools, subjectId)) : new Occupancy(plus(people, subjectId), tools);
    }

    public Occupancy without(String subjectId, boolean tool) {
        return tool ? new Occupancy(people, minus(tools, subjectId)) : new Occupancy(minus(people, subjectId), tools);
    }

    /** e.g. "people [w-1, w-2], tools [grinder-7]". */
    public String describe() {
        return "people " + new TreeSet<>(people) + ", tools " + new TreeSet<>(tools);
    }

    private static Set<String> plus(Set<String> set, String item) {
        Set<String> result = new TreeSet<>(set);
        result.add(item);
        return result;
    }

    private static Set<String> minus(Set<String> set, String item) {
        Set<String> result = new TreeSet<>(set);
        result.remove(item);
        return result;
    }
}
