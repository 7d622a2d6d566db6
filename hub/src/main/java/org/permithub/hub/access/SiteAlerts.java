package org.permithub.hub.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
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

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    /** What happened, where, and (when one is concerned) which permit. */
    public record SiteAlert(String code, String clause, String detail, String siteId, String zoneId, String permitNo,
            String deviceId, Instant occurredAt) {}

    private final OutboxWriter outbox;
    private final OutboxRelaySignal signal;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;

    public SiteAlerts(OutboxWriter outbox, OutboxRelaySignal signal, TransactionTemplate tx, ObjectMapper mapper) {
        this.outbox = outbox;
        this.signal = signal;
        this.tx = tx;
        this.mapper = mapper;
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
        var event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create("/permit-hub/sites/" + alert.siteId()))
                .withType("permit.alert." + alert.code().toLowerCase(Locale.ROOT))
                .withSubject(alert.permitNo() != null ? alert.permitNo() : alert.siteId())
                .withTime(alert.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                .build();
        return new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
    }
}
