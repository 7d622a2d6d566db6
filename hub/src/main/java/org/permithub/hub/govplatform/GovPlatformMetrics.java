package org.permithub.hub.govplatform;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator watches during a platform outage, at /actuator/prometheus: records waiting,
 * failed rounds in a row and the breaker state (0 closed, 1 open, 2 half-open, 3 other).
 */
@Component
class GovPlatformMetrics implements MeterBinder {

    private final GovPlatformRelay relay;
    private final GovPlatformClient client;
    private final JdbcTemplate jdbc;

    GovPlatformMetrics(GovPlatformRelay relay, GovPlatformClient client, JdbcTemplate jdbc) {
        this.relay = relay;
        this.client = client;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("permit_hub.connector.backlog", this::backlog).tag("connector", "gov-platform")
                .description("outbox rows not yet taken by the platform").register(registry);
        Gauge.builder("permit_hub.connector.consecutive_failures", relay, GovPlatformRelay::consecutiveFailures)
                .tag("connector", "gov-platform").register(registry);
        Gauge.builder("permit_hub.connector.breaker_state", client, c -> state(c.breaker().getState()))
                .tag("connector", "gov-platform").description("0 closed, 1 open, 2 half-open, 3 other")
                .register(registry);
    }

    private double backlog() {
        Integer rows = jdbc.queryForObject("select count(*) from outbox where destination = ? and sent_at is null",
                Integer.class, GovPlatformOutbox.DESTINATION);
        return rows == null ? 0 : rows;
    }

    private static double state(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
