package org.permithub.hub.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.permithub.api.regulator.PermitEvidenceQuery;
import org.permithub.hub.permit.ActionRecord;
import org.permithub.hub.permit.PermitStore;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.evidence.AnchoredBatch;
import org.permithub.ledger.evidence.EvidenceAction;
import org.permithub.ledger.evidence.EvidenceBundle;
import org.permithub.ledger.evidence.PermitVerifier;
import org.permithub.ledger.hash.ActionHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds a permit's evidence from what the database holds NOW (each action's canonical document
 * is rebuilt from its row, so an edited row shows) and the roots the LEDGER holds (read back
 * through the ledger back-end, never from the hub's own tables), then judges each action with
 * {@link PermitVerifier}.
 */
@Component
class PermitEvidenceReader implements PermitEvidenceQuery {

    private record Proof(String actionId, long version, long sequence, String batchId, long leafIndex, long treeSize,
            String actionHash, List<String> path) {}

    private final PermitStore store;
    private final JdbcTemplate jdbc;
    private final LedgerBackend ledger;
    private final ObjectMapper mapper;
    private final Clock clock;

    PermitEvidenceReader(PermitStore store, JdbcTemplate jdbc, LedgerBackend ledger, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Optional<EvidenceBundle> evidence(String permitNo) {
        return store.find(permitNo).map(stored -> {
            Map<Long, Proof> proofs = new HashMap<>();
            jdbc.query("""
                    select p.action_id::text, p.version, p.sequence, p.batch_id, p.leaf_index, b.size, p.action_hash,
                           p.path::text
                      from action_proofs p join ledger_batches b on b.batch_id = p.batch_id
                     where p.permit_no = ?""", rs -> {
                        Proof proof = proof(rs);
                        proofs.put(proof.version(), proof);
                    }, permitNo);
            List<EvidenceAction> actions = new ArrayList<>();
            Map<Long, ActionRecord> rows = new HashMap<>();
            store.actions(permitNo).forEach(row -> rows.put(row.version(), row));
            rows.values().forEach(row -> actions.add(evidenceOf(row, proofs.get(row.version()))));
            proofs.values().stream().filter(p -> !rows.containsKey(p.version()))
                    .forEach(p -> actions.add(new EvidenceAction(p.version(), p.actionId(), null, null, null,
                            p.actionHash(), p.batchId(), p.sequence(), p.leafIndex(), p.treeSize(), p.path(), null, null)));
            Map<String, AnchoredBatch> batches = ledgerBatches(proofs.values().stream().map(Proof::batchId).distinct().toList());
            List<EvidenceAction> verified = PermitVerifier.verify(stored.permit().version(), actions, batches::get);
            return new EvidenceBundle(EvidenceBundle.FORMAT, permitNo, clock.instant(), ledger.name(),
                    stored.permit().version(), batches, verified);
        });
    }

    private EvidenceAction evidenceOf(ActionRecord row, Proof proof) {
        JsonNode document = ActionRecord.canonicalDocument(mapper, row.id(), row.permitNo(), row.version(), row.type(),
                row.actor(), row.occurredAt(), row.data());
        String recomputed = ActionHash.ofJson(document.toString());
        return new EvidenceAction(row.version(), row.id().toString(), row.type().name(), document, recomputed,
                proof == null ? null : proof.actionHash(), proof == null ? null : proof.batchId(),
                proof == null ? null : proof.sequence(), proof == null ? null : proof.leafIndex(),
                proof == null ? null : proof.treeSize(), proof == null ? List.of() : proof.path(), null, null);
    }

    /** Each batch as the ledger holds it; our stored receipt adds the transaction id and block. */
    private Map<String, AnchoredBatch> ledgerBatches(List<String> batchIds) {
        Map<String, AnchoredBatch> batches = new LinkedHashMap<>();
        for (String batchId : batchIds) {
            ledger.batch(batchId).ifPresent(onLedger -> {
                var receipt = jdbc.queryForMap(
                        "select transaction_id, block_number, anchored_at from ledger_batches where batch_id = ?", batchId);
                batches.put(batchId, new AnchoredBatch(onLedger.batchId(), onLedger.merkleRoot(), onLedger.size(),
                        onLedger.firstSequence(), onLedger.lastSequence(), onLedger.previousBatchId(),
                        (String) receipt.get("transaction_id"),
                        receipt.get("block_number") == null ? null : ((Number) receipt.get("block_number")).longValue(),
                        receipt.get("anchored_at") == null ? null
                                : ((java.sql.Timestamp) receipt.get("anchored_at")).toInstant()));
            });
        }
        return batches;
    }

    private Proof proof(ResultSet rs) throws SQLException {
        try {
            return new Proof(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                    rs.getString(7), List.of(mapper.readValue(rs.getString(8), String[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored proof path is not JSON", e);
        }
    }
}
