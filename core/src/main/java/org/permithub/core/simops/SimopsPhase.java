package org.permithub.core.simops;

/** When the SIMOPS check runs, which decides which other permits count. */
public enum SimopsPhase {
    /** On APPLY: every open permit of the site whose window overlaps the new one. */
    APPLY,
    /** On START and RESUME: the permits whose work is going on now (ACTIVE). */
    START
}
