package org.permithub.core.simops;

/** How two operations must stand to each other for a rule to apply. */
public enum SimopsRelation {
    /** Work points at most {@code distanceM} apart (great-circle). */
    WITHIN_DISTANCE,
    /** Inside the same confined space. */
    SAME_CONFINED_SPACE,
    /** On the same pipe. */
    SAME_PIPE,
    /** Inside the same tank-farm dike (防火堤). */
    SAME_DIKE,
    /** In the same zone of the site (同一作业区域). */
    SAME_ZONE
}
