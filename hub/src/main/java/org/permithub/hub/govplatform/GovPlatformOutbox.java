package org.permithub.hub.govplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.permithub.api.problem.ApiProblem;
import org.permithub.connectors.govplatform.ParkPlatformMapper;
import org.permithub.connectors.govplatform.PlatformRecord;
import org.permithub.core.permit.Permit;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues records for the government supervision platform in the outbox, inside the caller's
 * transaction: a permit action and its platform records commit together, so nothing is lost and
 * {@link GovPlatformRelay} sends them in outbox order (which is per-permit action order).
 */
public class GovPlatformOutbox {

    /** The outbox destination of platform records. */
    public static final String DESTINATION = "gov-platform";

    private final OutboxWriter outbox;
    private final OutboxRelaySignal signal;
    private final TransactionTemplate tx;
    private final ParkPlatformMapper platform;
    private final ObjectMapper mapper;
    private final boolean enabled;

    public GovPlatformOutbox(OutboxWriter outbox, OutboxRelaySignal signal, TransactionTemplate tx,
            ParkPlatformMapper platform, ObjectMapper mapper, boolean enabled) {
        this.outbox = outbox;
        this.signal = signal;
        this.tx = tx;
        this.platform = platform;
        this.mapper = mapper;
        this.enabled = enabled;
    }

    /** The records of one stored permit action; call inside the action's transaction. */
    public void enqueueAction(UUID actionId, Permit after, ParkPlatformMapper.Action action) {
        if (enabled) {
            enqueue(after.permitNo(), actionId, platform.records(after, action));
        }
    }

    /** Any records, in the order given; call inside a transaction. */
    public void enqueue(String aggregateId, UUID eventId, List<PlatformRecord> records) {
        if (!enabled || records.isEmpty()) {
            return;
        }
        ArrayNode payload = mapper.createArrayNode();
        for (PlatformRecord record : records) {
            ObjectNode entry = payload.addObject();
            entry.put("table", record.table());
            entry.put("id", record.id());
            entry.set("data", record.data());
        }
        outbox.add(DESTINATION, aggregateId, eventId, payload.toString());
    }

    /**
     * A record another route hands over on {@code direct:regulator-report}:
     * {@code {"table": "...", "record": {"id": "...", ...}, "permitNo": "optional"}}. Stored in its
     * own transaction before the route returns, then pushed like the permit records (in order, with
     * retries). The same table and id always map to the same outbox event id, so a resent report is
     * an idempotent upsert on the platform.
     */
    public String enqueueReport(String json) {
        JsonNode report;
        try {
            report = mapper.readTree(json);
        } catch (Exception e) {
            throw ApiProblem.invalidField("body", "a regulator report is a JSON object");
        }
        if (report == null || !report.hasNonNull("table") || !report.path("record").isObject()
                || !report.get("record").hasNonNull("id")) {
            throw ApiProblem.invalidField("body", "a regulator report needs 'table' and a 'record' with an 'id'");
        }
        String table = report.get("table").asText();
        if (!table.matches("[a-z][a-z0-9_]{1,63}")) {
            throw ApiProblem.invalidField("table", "not a platform table name: " + table);
        }
        ObjectNode record = (ObjectNode) report.get("record");
        String id = record.get("id").asText();
        String aggregate = report.hasNonNull("permitNo") ? report.get("permitNo").asText()
                : record.hasNonNull("ticketId") ? record.get("ticketId").asText() : "report:" + table;
        UUID eventId = UUID.nameUUIDFromBytes((table + "/" + id + "/" + record.toString())
                .getBytes(StandardCharsets.UTF_8));
        tx.executeWithoutResult(status -> enqueue(aggregate, eventId, List.of(new PlatformRecord(table, id, record))));
        signal.wake();
        return id;
    }
}
