package org.permithub.hub.events;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.UUID;
import org.permithub.core.permit.Permit;
import org.permithub.hub.permit.AlertSummary;
import org.permithub.hub.permit.ActionRecord;
import org.springframework.stereotype.Component;

/**
 * Builds every CloudEvents 1.0 (structured JSON) event the hub publishes: the event of a stored
 * action (the event id is the action id, so consumers deduplicate redeliveries by id; schema
 * {@code events/permit-action.schema.json}), its warnings, and any other record ({@link #toJson}).
 */
@Component
public class PermitEvents {

    public static final String TYPE_PREFIX = "permit.action.";
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final ObjectMapper mapper;

    public PermitEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A warning raised by an accepted action, as a CloudEvent for {@code permit.alerts}; type
     * {@code permit.alert.<code>}, e.g. {@code permit.alert.simops_warning}.
     */
    public String toAlertJson(ActionRecord action, Permit after, AlertSummary warning) {
        var app = after.application();
        ObjectNode data = mapper.createObjectNode();
        data.put("permitNo", action.permitNo());
        data.put("actionId", action.id().toString());
        data.put("code", warning.code());
        data.put("clause", warning.clause());
        data.put("detail", warning.detail());
        data.set("relatedPermitNos", mapper.valueToTree(warning.relatedPermitNos()));
        data.put("occurrences", warning.occurrences());
        data.put("enterpriseCode", app.enterpriseCode());
        data.put("siteId", app.siteId());
        data.put("zoneId", app.location() == null ? null : app.location().zoneId());
        data.put("state", after.state().name());
        data.put("occurredAt", action.occurredAt().toString());
        String id = UUID.nameUUIDFromBytes((action.id() + "/" + warning.code() + "/" + warning.clause())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return serialize(event(id, URI.create("/permit-hub/enterprises/" + app.enterpriseCode() + "/sites/" + app.siteId()),
                "permit.alert." + warning.code().toLowerCase(java.util.Locale.ROOT), action.permitNo(),
                action.occurredAt(), data));
    }

    /**
     * Any other record the hub publishes (dead letters, credential status, site and commitment
     * alerts, …) as a structured CloudEvent with JSON data; {@code id} is what consumers
     * deduplicate by. Every CloudEvent of the hub is built here, so all carry the same attributes.
     */
    public String toJson(String id, URI source, String type, String subject, Instant time, Object data) {
        JsonNode json = data instanceof JsonNode node ? node : mapper.valueToTree(data);
        return serialize(event(id, source, type, subject, time, json));
    }

    /** The event as the bytes that go on {@code permit.events}. */
    public String toCloudEventJson(ActionRecord action, Permit after) {
        var app = after.application();
        ObjectNode data = mapper.createObjectNode();
        data.put("permitNo", action.permitNo());
        data.put("actionId", action.id().toString());
        data.put("version", action.version());
        data.put("action", action.type().name());
        data.put("state", after.state().name());
        data.put("enterpriseCode", app.enterpriseCode());
        data.put("siteId", app.siteId());
        data.put("zoneId", app.location() == null ? null : app.location().zoneId());
        data.put("workType", app.workType().name());
        data.put("grade", app.grade() == null ? null : app.grade().name());
        data.put("actor", action.actor());
        data.put("occurredAt", action.occurredAt().toString());
        data.put("hash", action.hash());
        data.set("data", action.data());
        return serialize(event(action.id().toString(),
                URI.create("/permit-hub/enterprises/" + app.enterpriseCode() + "/sites/" + app.siteId()),
                TYPE_PREFIX + action.type().pastTense(), action.permitNo(), action.occurredAt(), data)
                .withDataSchema(URI.create("urn:permit-hub:schema:permit-action:1"))
                .withExtension("permitversion", action.version()));
    }

    /** The attributes every event of the hub has; data is JSON. */
    private static CloudEventBuilder event(String id, URI source, String type, String subject, Instant time,
            JsonNode data) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String serialize(CloudEventBuilder event) {
        return new String(FORMAT.serialize(event.build()), StandardCharsets.UTF_8);
    }
}
