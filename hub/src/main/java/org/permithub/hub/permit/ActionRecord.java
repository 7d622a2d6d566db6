package org.permithub.hub.permit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.permithub.core.permit.ActionType;
import org.permithub.ledger.hash.ActionHash;

/**
 * One stored permit action, exactly as the row in {@code permit_actions} holds it.
 *
 * @param source where the action came from: REST, KAFKA or HUB (the hub's own scheduled actions)
 * @param hash SHA-256 over {@link #canonicalDocument} in RFC 8785 form
 */
public record ActionRecord(
        UUID id,
        String permitNo,
        long version,
        ActionType type,
        String actor,
        Instant occurredAt,
        String source,
        JsonNode data,
        String hash) {

    /**
     * The document that is hashed. It holds only what the row holds, so anyone can recompute the
     * hash from the database and compare it with the anchored one.
     */
    public static ObjectNode canonicalDocument(
            ObjectMapper mapper, UUID id, String permitNo, long version, ActionType type, String actor,
            Instant occurredAt, JsonNode data) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("actionId", id.toString());
        doc.put("permitNo", permitNo);
        doc.put("version", version);
        doc.put("type", type.name());
        doc.put("actor", actor);
        doc.put("occurredAt", occurredAt.toString());
        doc.set("data", data);
        return doc;
    }

    /** Builds the record and computes its hash. */
    public static ActionRecord create(
            ObjectMapper mapper, UUID id, String permitNo, long version, ActionType type, String actor,
            Instant occurredAt, String source, JsonNode data) {
        String hash = ActionHash.ofJson(
                canonicalDocument(mapper, id, permitNo, version, type, actor, occurredAt, data).toString());
        return new ActionRecord(id, permitNo, version, type, actor, occurredAt, source, data, hash);
    }
}
