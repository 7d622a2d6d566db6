package org.permithub.api.regulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Location;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;

class PermitDetailTest {

    @Test
    void workersAndGuardianAreMaskedAndEvidenceUrisCollected() throws Exception {
        Instant at = Instant.parse("2026-11-25T02:00:00Z");
        var app = new PermitApplication("DH-1", "91370602MA3C000018", "s", WorkType.HOT_WORK, Grade.GRADE_2,
                new Location("z", 37.5, 121.4), "c", at, at.plusSeconds(3600), List.of("w-1", "w-unknown"), "g-1");
        Permit permit = new Permit(app, PermitState.ACTIVE, 2, ActionType.START, at, at);
        var start = new ActionFact(UUID.randomUUID(), 2, "START", "u", at, new ObjectMapper()
                .readTree("{\"videoUrl\":\"rtsp://cam-3/live\",\"note\":\"http://not-evidence\"}"));
        PeopleDirectory people = id -> Optional.ofNullable(Map.of(
                "w-1", new PersonIdentity("w-1", "张三丰", "370602199001011234"),
                "g-1", new PersonIdentity("g-1", "李四", "37060219850505432X")).get(id));
        PermitDetail detail = PermitDetail.of(new PermitFacts(permit, "370602", List.of(start), List.of(), 0,
                Optional.empty()), List.of("TP-9"), people, List.of());

        assertThat(detail.workers()).containsExactly(new PermitDetail.Person("w-1", "张*丰", "370***********1234"),
                new PermitDetail.Person("w-unknown", null, null));
        assertThat(detail.guardian()).isEqualTo(new PermitDetail.Person("g-1", "李*", "370***********432X"));
        assertThat(new ObjectMapper().findAndRegisterModules().writeValueAsString(detail))
                .doesNotContain("199001011234").doesNotContain("张三丰");
        assertThat(detail.evidence()).containsExactly(new PermitDetail.EvidenceRef(2, "START", "videoUrl", "rtsp://cam-3/live"));
        assertThat(detail.linkedPermits()).containsExactly(new PermitDetail.LinkedPermit("TP-9", "CHILD"));
    }
}
