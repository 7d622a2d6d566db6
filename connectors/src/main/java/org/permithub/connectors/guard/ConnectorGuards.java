package org.permithub.connectors.guard;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes every connector's Resilience4j parts, configured under {@code resilience4j.*} in
 * application.yml, usable from Camel routes and Kamelets by name:
 * <ul>
 *   <li>{@code <connector>} — the circuit breaker, for {@code circuitBreaker.resilience4jConfiguration.circuitBreaker};
 *       being the registry's own instance, its metrics reach {@code /actuator/prometheus} and its
 *       state {@code /actuator/health};</li>
 *   <li>{@code <connector>-rate-limit} — a processor that waits for a permit of the connector's
 *       rate limiter (or lets everything through when none is configured).</li>
 * </ul>
 */
@Component
public class ConnectorGuards implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConnectorGuards.class);

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry rateLimiters;

    public ConnectorGuards(CircuitBreakerRegistry breakers, RateLimiterRegistry rateLimiters) {
        this.breakers = breakers;
        this.rateLimiters = rateLimiters;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        breakers.getAllCircuitBreakers().forEach(breaker -> {
            String connector = breaker.getName();
            context.getRegistry().bind(connector, breaker);
            // a limiter is configured only for systems that limit their callers
            context.getRegistry().bind(rateLimitName(connector), rateLimiters.find(connector)
                    .map(RateLimitGate::of).orElse(RateLimitGate.unlimited()));
            log.info("connector guard '{}' bound (breaker {}, rate limit {})", connector, breaker.getState(),
                    rateLimiters.find(connector).map(l -> l.getRateLimiterConfig().getLimitForPeriod() + "/"
                            + l.getRateLimiterConfig().getLimitRefreshPeriod()).orElse("none"));
        });
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        // nothing to do once started
    }

    public static String rateLimitName(String connector) {
        return connector + "-rate-limit";
    }
}
