package org.permithub.hub.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permithub.hub.events.PermitEvents;

/** The credential status CloudEvent, byte for byte as consumers of {@code credential.events} have received it. */
class CredentialEventsJsonTest {

    @Test
    void statusEventKeepsItsCloudEventAttributesAndData() {
        CredentialEvents events = new CredentialEvents(new ObjectMapper(), new PermitEvents(new ObjectMapper()));
        var data = events.data("w-17", "acme", CredentialStatus.EXPIRING, LocalDate.of(2027, 1, 9),
                List.of("CERTIFICATE_REVIEW_DUE_SOON T370***********0010: 2027-01-09"));
        String json = events.toCloudEventJson(UUID.fromString("00000000-0000-0000-0000-000000000003"), data,
                Instant.parse("2026-12-10T08:00:00Z"));
        assertThat(json).isEqualTo("""
                {"specversion":"1.0","id":"00000000-0000-0000-0000-000000000003","source":"/permit-hub/contractors/acme","type":"org.permithub.credential.status","datacontenttype":"application/json","subject":"w-17","time":"2026-12-10T08:00:00Z","data":{"personId":"w-17","contractorId":"acme","status":"EXPIRING","validUntil":"2027-01-09","reasons":["CERTIFICATE_REVIEW_DUE_SOON T370***********0010: 2027-01-09"]}}""");
    }
}
