package org.permithub.hub.credential;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The credential connectors' breakers in {@code /actuator/health} (component {@code credentialConnectors}).
 * Always UP: an external service that is down makes workers wait (PENDING), it does not make the hub
 * unfit for traffic; the details name each breaker's state.
 */
@Component("credentialConnectors")
class ConnectorHealth implements HealthIndicator {

    private final ConnectorGuard guard;

    ConnectorHealth(ConnectorGuard guard) {
        this.guard = guard;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        guard.states().forEach((system, state) -> health.withDetail(system, state.name()));
        return health.build();
    }
}
