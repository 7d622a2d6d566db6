package org.permithub.core.permit;

/** Marks that stay on a permit for supervisors to see. */
public enum PermitFlag {
    /** Continuous monitoring had a gap longer than the recording interval (GB 30871-2022 §6.5, §5.3.1d). */
    MONITORING_GAP,
    /** A gas test failed while work was going on, and the work was suspended (GB 30871-2022 §6.5). */
    GAS_ALARM
}
