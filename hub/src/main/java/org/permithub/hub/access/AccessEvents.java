package org.permithub.hub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permithub.core.permit.PermitState;
import org.springframework.stereotype.Component;

/**
 * Consumes the event topics the doors depend on (routes/site-access.camel.yaml):
 * {@code permit.events} keeps the index current and issues door grants/revocations;
 * {@code credential.events} (issue 5: key = personId, CloudEvent data
 * {@code {personId, contractorId, status, validUntil, reasons}}) sets a person's credential status.
 */
@Component("accessEvents")
public class AccessEvents {

    private final AccessIndex index;
    private final DoorCommands doors;
    private final ObjectMapper mapper;

    public AccessEvents(AccessIndex index, DoorCommands doors, ObjectMapper mapper) {
        this.index = index;
        this.doors = doors;
        this.mapper = mapper;
    }

    /** Every instance: re-read the permit the event is about (its workers and headcount are not in the event). */
    public void refreshIndex(String cloudEvent) throws Exception {
        JsonNode data = mapper.readTree(cloudEvent).path("data");
        String permitNo = data.path("permitNo").asText(null);
        if (permitNo != null) {
            index.refresh(permitNo);
        }
    }

    /** One consumer group for the cluster: the zone's doors get a GRANT or REVOKE when the state calls for one. */
    public void commandDoors(String cloudEvent) throws Exception {
        JsonNode data = mapper.readTree(cloudEvent).path("data");
        String permitNo = data.path("permitNo").asText(null);
        String state = data.path("state").asText(null);
        if (permitNo == null || state == null || data.path("zoneId").asText("").isEmpty()) {
            return;
        }
        String command = DoorCommands.commandFor(PermitState.valueOf(state));
        if (command == null) {
            return;
        }
        var entry = index.permit(permitNo);
        var workers = entry.map(AccessIndex.PermitEntry::workers).orElse(java.util.Set.of());
        if (entry.isEmpty() && "GRANT".equals(command)) {
            index.refresh(permitNo);
            workers = index.permit(permitNo).map(AccessIndex.PermitEntry::workers).orElse(java.util.Set.of());
        }
        doors.issue(data.path("siteId").asText(), data.path("zoneId").asText(), permitNo, command, workers);
    }

    public void credentialStatus(String cloudEvent) throws Exception {
        JsonNode event = mapper.readTree(cloudEvent);
        JsonNode data = event.path("data");
        String personId = data.path("personId").asText(event.path("subject").asText(null));
        String status = data.path("status").asText(null);
        if (personId == null || status == null) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        data.path("reasons").forEach(r -> reasons.add(r.isTextual() ? r.asText() : r.toString()));
        String until = data.path("validUntil").asText(null);
        index.putCredential(personId, new AccessIndex.CredentialStatus(status,
                until == null || until.isBlank() ? null : LocalDate.parse(until), reasons));
    }
}
