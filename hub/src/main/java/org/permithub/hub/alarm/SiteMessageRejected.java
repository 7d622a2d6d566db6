package org.permithub.hub.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A device message the hub cannot use (garbage, unknown device, value out of range). The MQTT
 * routes send it to {@code mqtt.dlq} with this reason and go on with the next message.
 */
public class SiteMessageRejected extends RuntimeException {

    private final String reason;

    public SiteMessageRejected(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The payload as a JSON object, or MALFORMED_JSON. */
    public static JsonNode json(ObjectMapper mapper, String body) {
        try {
            JsonNode node = body == null ? null : mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SiteMessageRejected("MALFORMED_JSON", "payload is not a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SiteMessageRejected("MALFORMED_JSON", "payload is not JSON: " + e.getOriginalMessage());
        }
    }
}
