package org.permithub.connectors.govplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Location;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;

class ParkPlatformMapperTest {

    final ObjectMapper json = new ObjectMapper();
    final ParkPlatformMapper mapper = new ParkPlatformMapper(json, ZoneId.of("Asia/Shanghai"));

    final PermitApplication application = new PermitApplication("DH-2026-0001", "91370602MA3C000018", "yt-plant-1",
            WorkType.HOT_WORK, Grade.GRADE_1, new Location("unit-3", 37.5393, 121.3914), "更换 P-101 法兰垫片",
            Instant.parse("2026-12-01T01:00:00Z"), Instant.parse("2026-12-01T08:00:00Z"), List.of("w-1001", "w-1002"),
            "g-2001");

    @Test
    void theTicketCarriesTheParkPlatformFieldsAndAStableId() {
        Permit applied = new Permit(application, PermitState.APPLIED, 1, ActionType.APPLY,
                Instant.parse("2026-11-30T02:00:00Z"), Instant.parse("2026-11-30T02:00:00Z"));
        UUID actionId = UUID.randomUUID();
        var records = mapper.records(applied, new ParkPlatformMapper.Action(actionId, ActionType.APPLY, 1, "ent-app",
                Instant.parse("2026-11-30T02:00:00Z"), json.createObjectNode()));
        assertThat(records).hasSize(1);
        var ticket = records.get(0);
        assertThat(ticket.table()).isEqualTo("sec_special_job_ticket_fire");
        assertThat(ticket.id()).isEqualTo(ParkPlatformMapper.ticketId("DH-2026-0001")).hasSize(32);
        var t = ticket.data();
        assertThat(t.get("ticketNo").asText()).isEqualTo("DH-2026-0001");
        assertThat(t.get("ticket_level").asText()).isEqualTo("一级");
        assertThat(t.get("ticketStatus").asText()).isEqualTo("01");
        assertThat(t.get("planStartTime").asText()).isEqualTo("20261201090000"); // Beijing time
        assertThat(t.get("longitude").asText()).isEqualTo("121.3914");
        assertThat(t.get("latitude").asText()).isEqualTo("37.5393");
        assertThat(t.get("workerName").asText()).isEqualTo("w-1001,w-1002");
        assertThat(t.get("dataVersion").asLong()).isEqualTo(1);
        // the same action always gives the same records: a resend is an idempotent upsert
        assertThat(mapper.records(applied, new ParkPlatformMapper.Action(actionId, ActionType.APPLY, 1, "ent-app",
                Instant.parse("2026-11-30T02:00:00Z"), json.createObjectNode()))).isEqualTo(records);
    }

    @Test
    void confirmedIsolationBecomesSafetyMeasures() throws Exception {
        Permit permit = new Permit(application, PermitState.APPROVED, 3, ActionType.CONFIRM_ISOLATION,
                Instant.parse("2026-11-30T02:00:00Z"), Instant.parse("2026-11-30T03:00:00Z"));
        var records = mapper.records(permit, new ParkPlatformMapper.Action(UUID.randomUUID(),
                ActionType.CONFIRM_ISOLATION, 3, "u-op-7", Instant.parse("2026-11-30T03:00:00Z"),
                json.readTree("{\"pointIds\":[\"IP-1\",\"IP-2\"],\"method\":\"BLIND_PLATE\",\"confirmedBy\":\"u-op-7\"}")));
        assertThat(records).extracting(PlatformRecord::table).containsExactly("sec_special_job_ticket_fire",
                "sec_special_job_ticket_safety_measures", "sec_special_job_ticket_safety_measures");
        assertThat(records.get(1).data().get("measuresContent").asText()).isEqualTo("隔离点 IP-1 已隔离（加盲板）");
        assertThat(records.get(2).data().get("serialNumber").asInt()).isEqualTo(2);
    }
}
