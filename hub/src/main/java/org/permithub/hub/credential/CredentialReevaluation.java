package org.permithub.hub.credential;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.PollingWorker;
import org.permithub.hub.site.ReferenceDataStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges every checked worker again as days pass, from what the registry holds (no remote call): a
 * certificate, its review (Order 30 Art. 21, 22) or the insurance cover that falls due within
 * {@code warning-days} (30) turns VALID into EXPIRING, and a date that has passed turns it INVALID.
 * Each change goes out once on {@code credential.events} and to the contractor's webhook.
 */
@Component
public class CredentialReevaluation extends PollingWorker {

    private static final int PAGE = 500;

    private final CredentialRegistry registry;
    private final CredentialChecker checker;
    private final ReferenceDataStore reference;
    private final TransactionTemplate tx;
    private final int warningDays;
    private final java.time.Clock clock;

    CredentialReevaluation(CredentialRegistry registry, CredentialChecker checker, ReferenceDataStore reference,
            TransactionTemplate tx, OutboxRelaySignal signal, java.time.Clock clock,
            @Value("${permit-hub.credentials.reevaluate-interval:1h}") Duration interval,
            @Value("${permit-hub.credentials.warning-days:30}") int warningDays) {
        super("credential-reevaluation", signal, interval, false);
        this.registry = registry;
        this.checker = checker;
        this.reference = reference;
        this.tx = tx;
        this.warningDays = warningDays;
        this.clock = clock;
    }

    @Override
    protected boolean pollOnce() {
        reevaluate(checker.today());
        return false;
    }

    /** Re-judges one checked worker at {@code today}; true if its standing changed (and was published). */
    public boolean reevaluate(String workerId, LocalDate today) {
        Boolean moved = tx.execute(status -> registry.find(workerId)
                .filter(w -> w.status() != CredentialStatus.PENDING)
                .map(w -> {
                    var result = CredentialEvaluation.evaluate(w, today, warningDays);
                    if (result.status() == w.status() && result.reasons().equals(w.reasons())) {
                        return false;
                    }
                    registry.setStanding(workerId, result, clock.instant());
                    checker.publish(workerId, w.contractorId(), result);
                    return true;
                }).orElse(false));
        if (Boolean.TRUE.equals(moved)) {
            reference.invalidateCache();
            return true;
        }
        return false;
    }

    /** Re-judges every checked worker at {@code today}; returns how many changed standing. */
    public int reevaluate(LocalDate today) {
        int changed = 0;
        String after = "";
        List<String> page;
        do {
            page = registry.checkedWorkers(after, PAGE);
            for (String workerId : page) {
                if (reevaluate(workerId, today)) {
                    changed++;
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == PAGE);
        return changed;
    }
}
