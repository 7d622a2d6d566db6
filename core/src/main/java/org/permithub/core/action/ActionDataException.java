package org.permithub.core.action;

/**
 * Action data that cannot be read: a required field is missing or has the wrong type or format.
 * {@link org.permithub.core.permit.PermitLifecycle#decide} turns it into an
 * {@code ACTION_DATA_INVALID} rejection naming {@link #field()}; it never escapes decide().
 */
public final class ActionDataException extends RuntimeException {

    private final String field;

    public ActionDataException(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code readings[1].sampledAt}. */
    public String field() {
        return field;
    }
}
