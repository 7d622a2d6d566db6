package org.permithub.hub.permit;

import java.time.Clock;
import java.time.Instant;
import org.permithub.core.permit.DecisionContext;

/** What the hub tells the permit rules: for now the clock, truncated to the database's precision. */
final class HubDecisionContext implements DecisionContext {

    private final Instant now;

    HubDecisionContext(Instant now) {
        this.now = now;
    }

    static HubDecisionContext at(Clock clock) {
        return new HubDecisionContext(PermitCommandService.storedInstant(clock.instant()));
    }

    @Override
    public Instant now() {
        return now;
    }
}
