package org.permithub.hub.outbox;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes outbox rows inside the caller's transaction; the relays send them after commit. */
@Component
public class OutboxWriter {

    /** Destination of CloudEvents for {@code permit.events}. */
    public static final String EVENTS = "events";
    /** Destination of warnings (SIMOPS, credentials due, failed gas tests) for {@code permit.alerts}. */
    public static final String ALERTS = "alerts";
    /** Destination of parked connector calls for {@code connector.dlq}. */
    public static final String CONNECTOR_DLQ = "connector-dlq";
    /** Destination of action hashes for the ledger batcher. */
    public static final String LEDGER = "ledger";
    /** Destination of credential status CloudEvents for {@code credential.events} (key = person id). */
    public static final String CREDENTIAL_EVENTS = "credential-events";
    /** Destination of verification results for contractors' webhooks. */
    public static final String PARTNER_WEBHOOKS = "partner-webhooks";

    private final JdbcTemplate jdbc;

    public OutboxWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Anchors a record that is not a permit action (e.g. a verification answer) like an action: its
     * SHA-256 joins the next Merkle batch, its proof lands in {@code record_proofs}.
     */
    public void ledgerRecord(String recordKind, UUID recordId, String sha256Hex) {
        add(LEDGER, recordKind, recordId, "{\"recordId\":\"" + recordId + "\",\"recordKind\":\"" + recordKind
                + "\",\"hash\":\"" + sha256Hex + "\"}");
    }

    /** One outbox row of a batch. */
    public record Entry(String aggregateId, UUID eventId, String payload) {}

    /** Several rows of one destination in one JDBC batch (bulk work), in the given order. */
    public void addAll(String destination, java.util.List<Entry> entries) {
        jdbc.batchUpdate("insert into outbox (destination, aggregate_id, event_id, payload) values (?, ?, ?, ?)",
                entries, 500, (ps, e) -> {
                    ps.setString(1, destination);
                    ps.setString(2, e.aggregateId());
                    ps.setObject(3, e.eventId());
                    ps.setString(4, e.payload());
                });
    }

    public void add(String destination, String aggregateId, UUID eventId, String payload) {
        jdbc.update("insert into outbox (destination, aggregate_id, event_id, payload) values (?, ?, ?, ?)",
                destination, aggregateId, eventId, payload);
    }
}
