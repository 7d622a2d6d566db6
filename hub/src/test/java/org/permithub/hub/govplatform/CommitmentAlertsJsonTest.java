package org.permithub.hub.govplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.permithub.hub.events.PermitEvents;

/** The commitment alert's CloudEvent, byte for byte as consumers of {@code permit.alerts} have received it. */
class CommitmentAlertsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void commitmentAlertKeepsItsCloudEventAttributesAndData() throws Exception {
        var data = MAPPER.createObjectNode();
        data.put("detail", "no commitment by 10:00");
        String json = CommitmentAlerts.toJson(new PermitEvents(MAPPER), CommitmentAlerts.MISSING, "91370600MA3C000001", "yt-plant-1",
                LocalDate.of(2026, 12, 1), 0, Instant.parse("2026-12-01T02:00:00Z"), data);
        assertThat(json).isEqualTo("""
                {"specversion":"1.0","id":"d8e0b715-36a9-3a27-8241-ba44fa3973c9","source":"/permit-hub/enterprises/91370600MA3C000001/sites/yt-plant-1","type":"permit.alert.commitment_missing","datacontenttype":"application/json","subject":"91370600MA3C000001/yt-plant-1/2026-12-01","time":"2026-12-01T02:00:00Z","data":{"detail":"no commitment by 10:00","code":"COMMITMENT_MISSING","clause":"应急〔2018〕74号","enterpriseCode":"91370600MA3C000001","siteId":"yt-plant-1","commitDate":"2026-12-01","occurredAt":"2026-12-01T02:00:00Z"}}""");
        assertThat(CommitmentAlerts.eventId(CommitmentAlerts.MISSING, "91370600MA3C000001", "yt-plant-1",
                LocalDate.of(2026, 12, 1), 0).toString()).isEqualTo(MAPPER.readTree(json).get("id").asText());
    }
}
