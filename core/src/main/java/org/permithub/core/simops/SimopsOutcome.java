package org.permithub.core.simops;

/** What a matched rule does: refuse the action, or let it through with a warning (an alert). */
public enum SimopsOutcome {
    REJECT,
    WARN
}
