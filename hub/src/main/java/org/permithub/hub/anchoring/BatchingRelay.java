package org.permithub.hub.anchoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.permithub.hub.outbox.OutboxRelay;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.ledger.batch.LeafProof;
import org.permithub.ledger.batch.MerkleBatcher;
import org.permithub.ledger.batch.SealedBatch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cuts the pending action hashes into Merkle batches (every {@code batch-size} actions or when the
 * oldest has waited {@code batch-max-wait}) and stores each batch with every action's inclusion
 * proof. Anchoring is {@link BatchAnchorer}'s job, so a ledger outage never holds up intake.
 */
@Component
public class BatchingRelay extends OutboxRelay {

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration maxWait;
    private final OutboxRelaySignal signal;

    public BatchingRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal, ObjectMapper mapper,
            Clock clock, @Value("${permit-hub.outbox.poll-interval}") Duration pollInterval,
            @Value("${permit-hub.ledger.batch-size}") int batchSize,
            @Value("${permit-hub.ledger.batch-max-wait}") Duration maxWait) {
        super(OutboxWriter.LEDGER, jdbc, tx, signal, pollInterval, batchSize);
        this.mapper = mapper;
        this.clock = clock;
        this.maxWait = maxWait;
        this.signal = signal;
    }

    @Override
    protected boolean readyToSend(List<Row> rows, int limit) {
        return rows.size() >= limit || !rows.get(0).createdAt().plus(maxWait).isAfter(clock.instant());
    }

    @Override
    protected void send(List<Row> rows) throws Exception {
        Map<String, Object> head = jdbc.queryForMap("""
                select coalesce(max(last_sequence), 0) as last_sequence,
                       (select batch_id from ledger_batches order by last_sequence desc limit 1) as batch_id
                  from ledger_batches""");
        long sequence = ((Number) head.get("last_sequence")).longValue();
        // the rows are already chosen (by count or age): the batcher must seal exactly these, never early
        var batcher = new MerkleBatcher(rows.size(), Duration.ofDays(365), clock, (String) head.get("batch_id"));
        Map<String, JsonNode> entries = new HashMap<>();
        Optional<SealedBatch> sealed = Optional.empty();
        for (Row row : rows) {
            JsonNode entry = mapper.readTree(row.payload());
            String id = leafId(entry);
            entries.put(id, entry);
            // the batcher seals by itself when the last row fills it
            sealed = batcher.offer(++sequence, id, entry.get("hash").asText());
        }
        SealedBatch batch = sealed.or(batcher::flush)
                .orElseThrow(() -> new IllegalStateException("batch of " + rows.size() + " not sealed"));
        if (batch.proofs().size() != rows.size()) {
            throw new IllegalStateException("sealed " + batch.proofs().size() + " of " + rows.size() + " rows");
        }
        var anchor = batch.anchor();
        jdbc.update("""
                insert into ledger_batches (batch_id, merkle_root, size, first_sequence, last_sequence, previous_batch_id)
                values (?, ?, ?, ?, ?, ?)""",
                anchor.batchId(), anchor.merkleRoot(), anchor.size(), anchor.firstSequence(), anchor.lastSequence(),
                anchor.previousBatchId());
        List<LeafProof> actionProofs = batch.proofs().stream()
                .filter(proof -> entries.get(proof.actionId()).hasNonNull("actionId")).toList();
        List<LeafProof> recordProofs = batch.proofs().stream()
                .filter(proof -> !entries.get(proof.actionId()).hasNonNull("actionId")).toList();
        jdbc.batchUpdate("""
                insert into record_proofs (record_id, record_kind, sequence, batch_id, leaf_index, record_hash, path)
                values (?::uuid, ?, ?, ?, ?, ?, ?::jsonb)""",
                recordProofs, Math.max(1, recordProofs.size()), (ps, proof) -> {
                    ps.setString(1, proof.actionId());
                    ps.setString(2, entries.get(proof.actionId()).get("recordKind").asText());
                    ps.setLong(3, proof.sequence());
                    ps.setString(4, proof.batchId());
                    ps.setLong(5, proof.leafIndex());
                    ps.setString(6, proof.actionHash());
                    ps.setString(7, pathJson(proof));
                });
        jdbc.batchUpdate("""
                insert into action_proofs (action_id, permit_no, version, sequence, batch_id, leaf_index, action_hash, path)
                values (?::uuid, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                actionProofs, Math.max(1, actionProofs.size()), (ps, proof) -> {
                    JsonNode entry = entries.get(proof.actionId());
                    ps.setString(1, proof.actionId());
                    ps.setString(2, entry.get("permitNo").asText());
                    ps.setLong(3, entry.get("version").asLong());
                    ps.setLong(4, proof.sequence());
                    ps.setString(5, proof.batchId());
                    ps.setLong(6, proof.leafIndex());
                    ps.setString(7, proof.actionHash());
                    ps.setString(8, pathJson(proof));
                });
        signal.wake();
    }

    /**
     * A permit action's entry names its {@code actionId}; any other record anchored the same way
     * (verification evidence, ...) names {@code recordId} and {@code recordKind} (see
     * {@link OutboxWriter#ledgerRecord}); its proof goes to {@code record_proofs}.
     */
    private static String leafId(JsonNode entry) {
        return entry.hasNonNull("actionId") ? entry.get("actionId").asText() : entry.get("recordId").asText();
    }

    private String pathJson(LeafProof proof) {
        return mapper.valueToTree(proof.path()).toString();
    }
}
