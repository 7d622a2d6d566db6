package org.permithub.hub.site;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.WindReading;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.PollingWorker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Standalone mode's demo data, so a new user can take a permit from APPLY to ACTIVE at once: site
 * {@value #SITE} (Asia/Shanghai, nights 18:00–06:00, weekends off) with zone {@value #ZONE}
 * around (37.5393, 121.3914), approver {@code a-3001} holding every Table B.1 role, workers
 * {@code w-1001}…{@code w-1010} with every operator certificate, guardians {@code g-2001}…
 * {@code g-2003} with guardian training. A simulated weather station reports a calm wind every few
 * minutes, since the rules refuse hot work while the wind is unknown. Created only when the site
 * does not exist yet; never in production mode.
 */
@Component
@ConditionalOnExpression("'${permit-hub.mode}' == 'standalone' and ${permit-hub.standalone.demo-data:true}")
class DemoSite extends PollingWorker {

    static final String SITE = "yt-plant-1";
    static final String ZONE = "unit-3";

    private final ReferenceDataStore store;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoSite(ReferenceDataStore store, TransactionTemplate tx, Clock clock, OutboxRelaySignal signal,
            @Value("${permit-hub.standalone.demo-wind-interval:5m}") Duration windInterval) {
        super("demo-weather-station", signal, windInterval, false);
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** Seeds before the hub takes its first request, then starts the weather station. */
    @Override
    public synchronized void start() {
        if (!store.siteExists(SITE)) {
            tx.executeWithoutResult(status -> seed());
            log.info("standalone demo data: site {} zone {}, approver a-3001, workers w-1001..w-1010, guardians "
                    + "g-2001..g-2003", SITE, ZONE);
        }
        pollOnce();
        super.start();
    }

    /** Before the web server takes requests. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** The simulated weather station: 2.5 m/s (force 2), now. */
    @Override
    protected boolean pollOnce() {
        store.putWind(SITE, new WindReading(2.5, clock.instant()));
        return false;
    }

    private void seed() {
        var calendar = new SiteCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(18, 0), LocalTime.of(6, 0),
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), Set.of());
        store.putSite(SITE, "烟台 1# 装置 (demo)", calendar, null,
                List.of(new ZoneGeometry(ZONE, 37.5393, 121.3914, 300.0, null),
                        new ZoneGeometry("tank-farm", 37.5420, 121.3950, 250.0, null)),
                List.of(new ReferenceDataStore.SiteApprover("a-3001", List.of(ApproverRole.values()))));
        LocalDate issued = LocalDate.now(clock).minusYears(1);
        for (int i = 1; i <= 10; i++) {
            String worker = "w-" + (1000 + i);
            List<Certificate> certificates = new ArrayList<>();
            for (CertificateCategory category : CertificateCategory.values()) {
                certificates.add(Certificate.issued("T" + category.ordinal() + "37060219800101" + String.format("%04d", i),
                        worker, category, issued).withLastWorkedOn(LocalDate.now(clock).minusDays(7)));
            }
            store.putCredentials(worker, certificates, null);
        }
        for (int i = 1; i <= 3; i++) {
            String guardian = "g-" + (2000 + i);
            store.putCredentials(guardian, List.of(),
                    new GuardianTraining(guardian, "JH-" + guardian, issued, issued.plusYears(3)));
        }
    }
}
