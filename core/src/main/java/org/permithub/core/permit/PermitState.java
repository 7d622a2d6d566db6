package org.permithub.core.permit;

/** Lifecycle states of a permit. */
public enum PermitState {
    APPLIED,
    APPROVED,
    GAS_TESTED,
    ACTIVE,
    SUSPENDED,
    COMPLETED,
    ARCHIVED,
    CANCELLED,
    EXPIRED;

    /**
     * A terminal state takes no further action but ARCHIVE (and nothing after ARCHIVED); CANCELLED
     * and EXPIRED also take EXIT, so that a confined-space headcount can be closed.
     */
    public boolean isClosed() {
        return this == COMPLETED || this == ARCHIVED || this == CANCELLED || this == EXPIRED;
    }
}
