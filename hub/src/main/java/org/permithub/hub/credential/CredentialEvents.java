package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The CloudEvents 1.0 (structured JSON) event of a worker's standing, for {@code credential.events}
 * (key = person id): type {@code org.permithub.credential.status}, subject = person id, data
 * {@code {personId, contractorId, status, validUntil, reasons}}. No ID number is ever in it.
 */
@Component
public class CredentialEvents {

    public static final String TYPE = "org.permithub.credential.status";
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final ObjectMapper mapper;

    public CredentialEvents(ObjectMapper mapper) {
        this.mapper = mapper;
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
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create("/permit-hub/contractors/" + data.get("contractorId").asText()))
                .withType(TYPE)
                .withSubject(data.get("personId").asText())
                .withTime(at.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                .build();
        return new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
    }
}
