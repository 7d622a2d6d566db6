package org.permithub.hub.govplatform;

import java.time.Clock;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.PollingWorker;
import org.springframework.stereotype.Component;

/**
 * On its interval: raises missing commitments once the day's deadline has passed, and reconciles
 * every commitment whose local day has ended.
 */
@Component
class CommitmentScheduler extends PollingWorker {

    private final DailyCommitments commitments;
    private final Clock clock;

    CommitmentScheduler(DailyCommitments commitments, Clock clock, OutboxRelaySignal signal, GovPlatformSettings settings) {
        super("commitment-scheduler", signal, settings.reconcileInterval(), false);
        this.commitments = commitments;
        this.clock = clock;
    }

    @Override
    protected boolean pollOnce() {
        commitments.raiseMissing(clock.instant());
        commitments.reconcileFinishedDays(clock.instant());
        return false;
    }
}
