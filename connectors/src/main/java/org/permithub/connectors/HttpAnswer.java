package org.permithub.connectors;

import java.time.Duration;

/**
 * What came back from an external HTTP service, before it is read: the status, the
 * {@code Retry-After} header (seconds form) and the body.
 */
public record HttpAnswer(int status, String retryAfter, String body) {

    /** Fails for every answer that is not a usable 2xx: 429 and 5xx name the wait the system asked for. */
    public HttpAnswer requireUsable(String system) {
        if (status == 429 || status >= 500) {
            throw new ConnectorUnavailableException(system, "HTTP " + status, retryAfterDuration(), null);
        }
        if (status < 200 || status >= 300) {
            throw new ConnectorUnavailableException(system, "unexpected HTTP " + status);
        }
        if (body == null || body.isBlank()) {
            throw new ConnectorUnavailableException(system, "empty body");
        }
        return this;
    }

    private Duration retryAfterDuration() {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            // the HTTP-date form is rare for APIs; the caller's own backoff applies
            return null;
        }
    }
}
