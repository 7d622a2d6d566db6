package org.permithub.hub.govplatform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator watches during a platform outage, at /actuator/prometheus: records waiting and
 * failed rounds in a row (the breaker's own metrics are {@code resilience4j_circuitbreaker_*{name="gov-platform"}}).
 */
@Component
class GovPlatformMetrics implements MeterBinder {

    private final GovPlatformRelay relay;
    private final JdbcTemplate jdbc;

    GovPlatformMetrics(GovPlatformRelay relay, JdbcTemplate jdbc) {
        this.relay = relay;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("permit_hub.connector.backlog", this::backlog).tag("connector", "gov-platform")
                .description("outbox rows not yet taken by the platform").register(registry);
        Gauge.builder("permit_hub.connector.consecutive_failures", relay, GovPlatformRelay::consecutiveFailures)
                .tag("connector", "gov-platform").register(registry);
    }

    private double backlog() {
        Integer rows = jdbc.queryForObject("select count(*) from outbox where destination = ? and sent_at is null",
                Integer.class, GovPlatformOutbox.DESTINATION);
        return rows == null ? 0 : rows;
    }
}
