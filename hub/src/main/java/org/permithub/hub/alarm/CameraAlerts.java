package org.permithub.hub.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.permithub.hub.access.AccessIndex;
import org.springframework.stereotype.Component;

/**
 * AI camera alerts ({@code site/{siteId}/ai/{cameraId}/alert}):
 * {@code {"behaviour": "NO_SAFETY_HARNESS", "confidence": 0.93, "at": "…", "detail": "…"}}. The
 * behaviours accepted are the keys of {@code permit-hub.alarms.behaviour-levels} (twelve by default).
 * Returns the alarm for {@code direct:alarm-intake}, or null below the minimum confidence.
 */
@Component("cameraAlerts")
public class CameraAlerts {

    private final AccessIndex index;
    private final AlarmProperties properties;
    private final ObjectMapper mapper;

    public CameraAlerts(AccessIndex index, AlarmProperties properties, ObjectMapper mapper) {
        this.index = index;
        this.properties = properties;
        this.mapper = mapper;
    }

    /** The route's entry: plain parameters bound once here rather than by an expression per message. */
    public String onAlert(Exchange exchange) {
        return alertFrom(exchange.getIn().getHeader("CamelMqttTopic", String.class), exchange.getIn().getBody(String.class));
    }

    public String alertFrom(String topic, String body) {
        String[] parts = topic == null ? new String[0] : topic.split("/");
        if (parts.length != 5) {
            throw new SiteMessageRejected("TOPIC_UNKNOWN", "not a camera topic: " + topic);
        }
        String siteId = parts[1];
        String cameraId = parts[3];
        AccessIndex.Device camera = index.device(cameraId)
                .filter(d -> "CAMERA".equals(d.kind()) && d.siteId().equals(siteId))
                .orElseThrow(() -> new SiteMessageRejected("DEVICE_UNKNOWN", "no camera " + cameraId + " at site " + siteId));
        JsonNode json = SiteMessageRejected.json(mapper, body);
        String behaviour = json.path("behaviour").asText(null);
        if (behaviour == null || !properties.behaviourLevels().containsKey(behaviour)) {
            throw new SiteMessageRejected("BEHAVIOUR_UNKNOWN", "behaviour " + behaviour + " is not one of "
                    + properties.behaviourLevels().keySet());
        }
        JsonNode confidence = json.get("confidence");
        if (confidence == null || !confidence.isNumber() || confidence.asDouble() < 0 || confidence.asDouble() > 1) {
            throw new SiteMessageRejected("VALUE_OUT_OF_RANGE", "confidence must be a number from 0 to 1");
        }
        if (confidence.asDouble() < properties.minConfidence()) {
            return null;
        }
        Instant at;
        try {
            at = json.hasNonNull("at") ? OffsetDateTime.parse(json.get("at").asText()).toInstant() : Instant.now();
        } catch (DateTimeParseException e) {
            throw new SiteMessageRejected("FIELD_INVALID", "at is not an RFC 3339 date-time");
        }
        var alarm = mapper.createObjectNode();
        alarm.put("siteId", siteId);
        alarm.put("zoneId", camera.zoneId());
        alarm.put("source", "AI");
        alarm.put("kind", behaviour);
        alarm.put("deviceId", cameraId);
        alarm.put("at", at.toString());
        alarm.put("detail", behaviour + " seen by " + cameraId + " (confidence " + confidence.asDouble() + ")"
                + (json.hasNonNull("detail") ? ": " + json.get("detail").asText() : ""));
        return alarm.toString();
    }
}
