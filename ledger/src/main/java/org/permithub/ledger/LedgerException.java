package org.permithub.ledger;

/** A ledger operation failed; {@link #code()} says whether a retry can help. */
public class LedgerException extends RuntimeException {

    /** Stable failure codes. */
    public enum Code {
        /** The ledger cannot be reached now: retry later. */
        UNAVAILABLE,
        /** A batch with this id is already anchored with a different root. */
        BATCH_CONFLICT,
        /** Concurrent writers collided (Fabric MVCC_READ_CONFLICT): retry. */
        CONFLICT_RETRY,
        /** The ledger refused the request itself (bad arguments, policy): retrying will not help. */
        REJECTED
    }

    private final Code code;

    public LedgerException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public LedgerException(Code code, String message) {
        this(code, message, null);
    }

    public Code code() {
        return code;
    }

    public boolean retryable() {
        return code == Code.UNAVAILABLE || code == Code.CONFLICT_RETRY;
    }
}
