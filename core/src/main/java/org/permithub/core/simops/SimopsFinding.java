package org.permithub.core.simops;

/**
 * A matched rule against one other permit.
 *
 * @param distanceM great-circle distance between the work points
 */
public record SimopsFinding(SimopsRule rule, SimopsOperation other, double distanceM) {}
