package org.permithub.hub.permit;

/**
 * The answer to a command: an HTTP-style status and the JSON body (a result or an RFC 9457
 * problem). Stored as is for idempotent replays.
 */
public record CommandAnswer(int status, String body) {

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    public boolean problem() {
        return !accepted();
    }
}
