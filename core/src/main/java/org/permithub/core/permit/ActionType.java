package org.permithub.core.permit;

import java.util.Locale;

/** Everything that can happen to a permit; each one is stored as an append-only action. */
public enum ActionType {
    APPLY,
    APPROVE,
    GAS_TEST,
    START,
    SUSPEND,
    RESUME,
    COMPLETE,
    CANCEL,
    ARCHIVE,
    /** A person or tool goes into a confined space (GB 30871-2022 §6.8). */
    ENTRY,
    /** A person or tool comes out of a confined space (GB 30871-2022 §6.8). */
    EXIT,
    /** The validity window has passed (GB 30871-2022 §4.16); issued by the hub itself. */
    EXPIRE,
    /**
     * The job's content, scope or location (§4.16), or its process, conditions, method or
     * environment (§4.17) changed: the permit is void (CANCELLED with an invalidation) and the
     * work needs a new permit.
     */
    CHANGE,
    /** Isolation points confirmed in place (GB 30871-2022 §4.2b, §5.2.2, §6.1). */
    CONFIRM_ISOLATION;

    /** The past-tense word used in event types, e.g. {@code permit.action.approved}. */
    public String pastTense() {
        return switch (this) {
            case APPLY -> "applied";
            case APPROVE -> "approved";
            case GAS_TEST -> "gas_tested";
            case START -> "started";
            case SUSPEND -> "suspended";
            case RESUME -> "resumed";
            case COMPLETE -> "completed";
            case CANCEL -> "cancelled";
            case ARCHIVE -> "archived";
            case ENTRY -> "entered";
            case EXIT -> "exited";
            case EXPIRE -> "expired";
            case CHANGE -> "changed";
            case CONFIRM_ISOLATION -> "isolation_confirmed";
        };
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
