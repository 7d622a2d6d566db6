package org.permithub.hub.credential;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.permithub.connectors.ConnectorUnavailableException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Guards every call of the credential connectors (certificate, social insurance): a circuit
 * breaker, a bulkhead, and a pause while a service has asked us to wait (429/503 Retry-After).
 * Only {@link ConnectorUnavailableException} counts as a failure; a business answer ("not found",
 * "not insured") is a return value and never trips the breaker. Every refusal (open breaker, full
 * bulkhead, pause) surfaces as {@link ConnectorUnavailableException}, so callers have one thing to
 * handle: try again later.
 */
@Component
public class ConnectorGuard {

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Bulkhead> bulkheads = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig breakerConfig;
    private final BulkheadConfig bulkheadConfig;
    private final Clock clock;
    private final MeterRegistry meters;

    public ConnectorGuard(Clock clock, MeterRegistry meters,
            @Value("${permit-hub.credentials.breaker.window:20}") int window,
            @Value("${permit-hub.credentials.breaker.minimum-calls:10}") int minimumCalls,
            @Value("${permit-hub.credentials.breaker.failure-rate:50}") float failureRate,
            @Value("${permit-hub.credentials.breaker.open-for:10s}") Duration openFor,
            @Value("${permit-hub.credentials.bulkhead:10}") int bulkhead,
            @Value("${permit-hub.credentials.bulkhead-wait:2s}") Duration bulkheadWait) {
        this.clock = clock;
        this.meters = meters;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(ConnectorUnavailableException.class)
                .build();
        this.bulkheadConfig = BulkheadConfig.custom().maxConcurrentCalls(bulkhead).maxWaitDuration(bulkheadWait).build();
    }

    /** Runs one call of {@code system} under its guard. */
    public <T> T call(String system, Supplier<T> call) {
        Instant pause = pausedUntil.get(system);
        if (pause != null && clock.instant().isBefore(pause)) {
            throw new ConnectorUnavailableException(system, "asked us to wait until " + pause,
                    Duration.between(clock.instant(), pause), null);
        }
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker(system), call);
        guarded = Bulkhead.decorateSupplier(bulkhead(system), guarded);
        long started = System.nanoTime();
        String outcome = "failure";
        try {
            T answer = guarded.get();
            outcome = "success";
            return answer;
        } catch (CallNotPermittedException e) {
            outcome = "breaker_open";
            throw new ConnectorUnavailableException(system, "circuit breaker open", null, e);
        } catch (BulkheadFullException e) {
            outcome = "bulkhead_full";
            throw new ConnectorUnavailableException(system, "bulkhead full", null, e);
        } catch (ConnectorUnavailableException e) {
            e.retryAfter().ifPresent(wait -> pausedUntil.put(system, clock.instant().plus(wait)));
            throw e;
        } finally {
            // calls, failures and latency per connector: permit_hub_connector_calls_seconds_* at /actuator/prometheus
            Timer.builder("permit.hub.connector.calls").tag("system", system).tag("outcome", outcome)
                    .register(meters).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    public CircuitBreaker breaker(String system) {
        return breakers.computeIfAbsent(system, name -> {
            CircuitBreaker breaker = CircuitBreaker.of(name, breakerConfig);
            // 0 closed, 1 open, 2 half-open (other states: 3)
            Gauge.builder("permit.hub.connector.breaker.state", breaker, b -> switch (b.getState()) {
                case CLOSED -> 0;
                case OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 3;
            }).tag("system", name).register(meters);
            return breaker;
        });
    }

    public Bulkhead bulkhead(String system) {
        return bulkheads.computeIfAbsent(system, name -> Bulkhead.of(name, bulkheadConfig));
    }

    /** Closes the breaker and ends any pause of {@code system} (operators after a fix; tests). */
    public void reset(String system) {
        breaker(system).reset();
        pausedUntil.remove(system);
    }

    /** Every breaker's state, for health and tests. */
    public Map<String, CircuitBreaker.State> states() {
        Map<String, CircuitBreaker.State> states = new java.util.TreeMap<>();
        breakers.forEach((name, breaker) -> states.put(name, breaker.getState()));
        return states;
    }
}
