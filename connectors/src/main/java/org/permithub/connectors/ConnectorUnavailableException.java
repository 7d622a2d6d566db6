package org.permithub.connectors;

import java.time.Duration;
import java.util.Optional;

/**
 * An external system did not answer usably: HTTP 5xx, 429, a timeout, a reset connection or a body
 * that cannot be read. The work is tried again later; this is what trips a circuit breaker. A
 * business answer ("certificate not found", "not insured") is never this exception.
 *
 * @see #retryAfter() the wait the system asked for (429/503 {@code Retry-After}), if any
 */
public class ConnectorUnavailableException extends RuntimeException {

    private final String system;
    private final Duration retryAfter;

    public ConnectorUnavailableException(String system, String reason, Duration retryAfter, Throwable cause) {
        super(system + ": " + reason, cause);
        this.system = system;
        this.retryAfter = retryAfter;
    }

    public ConnectorUnavailableException(String system, String reason) {
        this(system, reason, null, null);
    }

    public String system() {
        return system;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
