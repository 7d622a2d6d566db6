package org.permithub.hub.permit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.PollingWorker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Expires permits whose validity has ended (GB 30871-2022 §4.16: an expired permit must be
 * re-issued), as EXPIRE actions by the hub itself, stored, published and anchored like any other.
 * Safe with several hub instances: each permit is re-checked under its row lock.
 */
@Component
class ExpiryScheduler extends PollingWorker {

    private static final int BATCH = 100;

    private final PermitStore store;
    private final PermitCommandService commands;
    private final Clock clock;

    ExpiryScheduler(PermitStore store, PermitCommandService commands, Clock clock, OutboxRelaySignal signal,
            @Value("${permit-hub.expiry.check-interval:30s}") Duration interval) {
        super("permit-expiry", signal, interval, false);
        this.store = store;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    protected boolean pollOnce() {
        List<String> due = store.dueForExpiry(clock.instant(), BATCH);
        due.forEach(commands::expireIfDue);
        return due.size() == BATCH;
    }
}
