package org.permithub.hub.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the pending outbox rows of one destination, oldest first, and marks them sent in the same
 * transaction. If sending fails the transaction rolls back and the rows are tried again later
 * (with backoff): a down system means later, never dropped. A crash between send and commit sends
 * a row twice; consumers deduplicate by event id.
 *
 * <p>Only one hub instance relays a destination at a time (a transaction-scoped advisory lock),
 * which keeps the per-permit order of events.
 */
public abstract class OutboxRelay extends PollingWorker {

    /** A pending outbox row. */
    public record Row(long id, String aggregateId, UUID eventId, String payload, Instant createdAt) {}

    private final String destination;
    protected final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int batchSize;

    protected OutboxRelay(String destination, JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal,
            Duration pollInterval, int batchSize) {
        super("outbox-relay-" + destination, signal, pollInterval);
        this.destination = destination;
        this.jdbc = jdbc;
        this.tx = tx;
        this.batchSize = batchSize;
    }

    /** Sends the rows, in order; returns only when every row is safely with the destination. */
    protected abstract void send(List<Row> rows) throws Exception;

    /** Whether these pending rows should go now; a relay that batches by size or age says no while it waits. */
    protected boolean readyToSend(List<Row> rows, int limit) {
        return true;
    }

    @Override
    protected boolean pollOnce() {
        Integer sent = tx.execute(status -> relayOnce());
        return sent != null && sent >= batchSize;
    }

    private int relayOnce() {
        Boolean leader = jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtext(?))", Boolean.class,
                "outbox:" + destination);
        if (!Boolean.TRUE.equals(leader)) {
            return 0;
        }
        List<Row> rows = jdbc.query("""
                select id, aggregate_id, event_id, payload, created_at from outbox
                 where destination = ? and sent_at is null order by id limit ?""",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getTimestamp(5).toInstant()),
                destination, batchSize);
        if (rows.isEmpty() || !readyToSend(rows, batchSize)) {
            return 0;
        }
        try {
            send(rows);
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + destination + " failed", e);
        }
        jdbc.update("update outbox set sent_at = now() where id = any(?)",
                (Object) rows.stream().map(Row::id).toArray(Long[]::new));
        return rows.size();
    }
}
