package org.permithub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permithub.hub.events.PermitEvents;

/** The site alert's CloudEvent, byte for byte as consumers of {@code permit.alerts} have received it. */
class SiteAlertsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void siteAlertKeepsItsCloudEventAttributesAndData() {
        SiteAlerts alerts = new SiteAlerts(null, null, null, MAPPER, new PermitEvents(MAPPER));
        String json = alerts.toCloudEventJson(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                new SiteAlerts.SiteAlert("ENTRY_WITHOUT_VALID_PERMIT", "GB30871-2022 §4.10", "card 7 at door 2",
                        "yt-plant-1", "unit-3", "HW-1", "door-2", Instant.parse("2026-12-01T03:15:00Z")));
        assertThat(json).isEqualTo("""
                {"specversion":"1.0","id":"00000000-0000-0000-0000-000000000001","source":"/permit-hub/sites/yt-plant-1","type":"permit.alert.entry_without_valid_permit","datacontenttype":"application/json","subject":"HW-1","time":"2026-12-01T03:15:00Z","data":{"code":"ENTRY_WITHOUT_VALID_PERMIT","clause":"GB30871-2022 §4.10","detail":"card 7 at door 2","siteId":"yt-plant-1","zoneId":"unit-3","permitNo":"HW-1","deviceId":"door-2","occurredAt":"2026-12-01T03:15:00Z"}}""");
    }

    @Test
    void anAlertWithoutPermitHasTheSiteAsSubject() {
        SiteAlerts alerts = new SiteAlerts(null, null, null, MAPPER, new PermitEvents(MAPPER));
        String json = alerts.toCloudEventJson(UUID.fromString("00000000-0000-0000-0000-000000000002"),
                new SiteAlerts.SiteAlert("DEVICE_FEED_SILENT", null, "no gas readings for 5 min", "yt-plant-1", null,
                        null, "gas-4", Instant.parse("2026-12-01T03:15:00.123Z")));
        assertThat(json).isEqualTo("""
                {"specversion":"1.0","id":"00000000-0000-0000-0000-000000000002","source":"/permit-hub/sites/yt-plant-1","type":"permit.alert.device_feed_silent","datacontenttype":"application/json","subject":"yt-plant-1","time":"2026-12-01T03:15:00.123Z","data":{"code":"DEVICE_FEED_SILENT","clause":null,"detail":"no gas readings for 5 min","siteId":"yt-plant-1","zoneId":null,"permitNo":null,"deviceId":"gas-4","occurredAt":"2026-12-01T03:15:00.123Z"}}""");
    }
}
