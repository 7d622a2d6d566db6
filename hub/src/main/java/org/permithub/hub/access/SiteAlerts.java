package org.permithub.hub.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.permithub.hub.events.PermitEvents;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts raised on site (entry without a permit, gas and camera alarms, a silent device feed) as
 * CloudEvents on {@code permit.alerts}, the same live feed as the permit warnings. Stored in the
 * outbox first, like every other event. Type {@code permit.alert.<code>}.
 */
@Component
public class SiteAlerts {

    /** What happened, where, and (when one is concerned) which permit. */
    public record SiteAlert(String code, String clause, String detail, String siteId, String zoneId, String permitNo,
            String deviceId, Instant occurredAt) {}

    private final OutboxWriter outbox;
    private final OutboxRelaySignal signal;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final PermitEvents events;

    public SiteAlerts(OutboxWriter outbox, OutboxRelaySignal signal, TransactionTemplate tx, ObjectMapper mapper,
            PermitEvents events) {
        this.outbox = outbox;
        this.signal = signal;
        this.tx = tx;
        this.mapper = mapper;
        this.events = events;
    }

    /** In its own transaction. */
    public void raise(SiteAlert alert) {
        tx.executeWithoutResult(status -> add(alert));
        signal.wake();
    }

    /** Inside the caller's transaction; the caller wakes the relay after commit. */
    public void add(SiteAlert alert) {
        UUID id = UUID.randomUUID();
        outbox.add(OutboxWriter.ALERTS, alert.permitNo() != null ? alert.permitNo() : alert.siteId(), id,
                toCloudEventJson(id, alert));
    }

    public void wake() {
        signal.wake();
    }

    String toCloudEventJson(UUID id, SiteAlert alert) {
        ObjectNode data = mapper.createObjectNode();
        data.put("code", alert.code());
        data.put("clause", alert.clause());
        data.put("detail", alert.detail());
        data.put("siteId", alert.siteId());
        data.put("zoneId", alert.zoneId());
        data.put("permitNo", alert.permitNo());
        data.put("deviceId", alert.deviceId());
        data.put("occurredAt", alert.occurredAt().toString());
        return events.toJson(id.toString(), URI.create("/permit-hub/sites/" + alert.siteId()),
                "permit.alert." + alert.code().toLowerCase(Locale.ROOT),
                alert.permitNo() != null ? alert.permitNo() : alert.siteId(), alert.occurredAt(), data);
    }
}
