package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.permithub.hub.events.PermitEvents;
import org.springframework.stereotype.Component;

/**
 * The CloudEvents 1.0 (structured JSON) event of a worker's standing, for {@code credential.events}
 * (key = person id): type {@code org.permithub.credential.status}, subject = person id, data
 * {@code {personId, contractorId, status, validUntil, reasons}}. No ID number is ever in it.
 */
@Component
public class CredentialEvents {

    public static final String TYPE = "org.permithub.credential.status";

    private final ObjectMapper mapper;
    private final PermitEvents events;

    public CredentialEvents(ObjectMapper mapper, PermitEvents events) {
        this.mapper = mapper;
        this.events = events;
    }

    ObjectNode data(String personId, String contractorId, CredentialStatus status, LocalDate validUntil,
            List<String> reasons) {
        ObjectNode data = mapper.createObjectNode();
        data.put("personId", personId);
        data.put("contractorId", contractorId);
        data.put("status", status.name());
        data.put("validUntil", validUntil == null ? null : validUntil.toString());
        data.set("reasons", mapper.valueToTree(reasons));
        return data;
    }

    String toCloudEventJson(UUID id, ObjectNode data, Instant at) {
        return events.toJson(id.toString(), URI.create("/permit-hub/contractors/" + data.get("contractorId").asText()),
                TYPE, data.get("personId").asText(), at, data);
    }
}
