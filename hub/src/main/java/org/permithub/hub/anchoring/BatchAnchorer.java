package org.permithub.hub.anchoring;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.PollingWorker;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.LedgerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Anchors stored batches on the ledger, one at a time and in sequence order. While the ledger is
 * down the batches wait (retried with backoff) and intake goes on; when it returns they are
 * anchored in order. A batch already on the ledger (a retry after a lost answer) comes back with
 * the existing receipt, so nothing is anchored twice.
 */
@Component
public class BatchAnchorer extends PollingWorker {

    private final JdbcTemplate jdbc;
    private final LedgerBackend ledger;

    public BatchAnchorer(JdbcTemplate jdbc, LedgerBackend ledger, OutboxRelaySignal signal,
            @Value("${permit-hub.outbox.poll-interval}") Duration pollInterval) {
        super("ledger-anchorer", signal, pollInterval);
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Override
    protected boolean pollOnce() {
        List<BatchAnchor> pending = jdbc.query("""
                select batch_id, merkle_root, size, first_sequence, last_sequence, previous_batch_id
                  from ledger_batches where anchored_at is null order by first_sequence limit 2""",
                (rs, i) -> new BatchAnchor(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6)));
        if (pending.isEmpty()) {
            return false;
        }
        BatchAnchor batch = pending.get(0);
        try {
            var receipt = ledger.anchor(batch);
            jdbc.update("""
                    update ledger_batches set anchored_at = ?, backend = ?, transaction_id = ?, block_number = ?,
                           attempts = attempts + 1, last_error = null
                     where batch_id = ?""",
                    Timestamp.from(receipt.anchoredAt()), ledger.name(), receipt.transactionId(), receipt.blockNumber(),
                    batch.batchId());
        } catch (LedgerException e) {
            jdbc.update("update ledger_batches set attempts = attempts + 1, last_error = ? where batch_id = ?",
                    e.code() + ": " + e.getMessage(), batch.batchId());
            throw e;
        }
        return pending.size() > 1;
    }
}
