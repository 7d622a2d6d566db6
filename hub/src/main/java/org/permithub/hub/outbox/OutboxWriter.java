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

    private final JdbcTemplate jdbc;

    public OutboxWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String destination, String aggregateId, UUID eventId, String payload) {
        jdbc.update("insert into outbox (destination, aggregate_id, event_id, payload) values (?, ?, ?, ?)",
                destination, aggregateId, eventId, payload);
    }
}
