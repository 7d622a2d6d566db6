package org.permithub.connectors.guard;

import io.github.resilience4j.ratelimiter.RateLimiter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Waits for a permit of the remote system's rate limit before a call (up to the limiter's
 * timeout); without one, the call fails with {@code RequestNotPermitted} and is retried later
 * like any other failure. Placed in front of the circuit breaker so that our own throttling is
 * never counted as the remote system failing.
 */
public final class RateLimitGate implements Processor {

    private static final RateLimitGate UNLIMITED = new RateLimitGate(null);

    private final RateLimiter limiter;

    private RateLimitGate(RateLimiter limiter) {
        this.limiter = limiter;
    }

    public static RateLimitGate of(RateLimiter limiter) {
        return new RateLimitGate(limiter);
    }

    public static RateLimitGate unlimited() {
        return UNLIMITED;
    }

    @Override
    public void process(Exchange exchange) {
        if (limiter != null) {
            RateLimiter.waitForPermission(limiter);
        }
    }
}
