package org.permithub.connectors.guard;

/** The remote system failed to answer (5xx, 408, 429 or no answer): retried, counted by the breaker. */
public class RemoteSystemFailure extends RuntimeException {

    private final int status;
    private final String retryAfter;

    public RemoteSystemFailure(int status, String retryAfter, String message) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The remote system's Retry-After header, if it sent one. */
    public String retryAfter() {
        return retryAfter;
    }
}
