package org.permithub.hub.regulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permithub.api.regulator.Inspection;
import org.permithub.api.regulator.InspectionDraw;
import org.permithub.api.regulator.RandomInspections;
import org.permithub.api.regulator.RegulatorQueries;
import org.permithub.core.access.Caller;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.evidence.AnchoredBatch;
import org.permithub.ledger.evidence.EvidenceAction;
import org.permithub.ledger.evidence.PermitVerifier;
import org.permithub.ledger.evidence.VerificationStatus;
import org.permithub.ledger.hash.ActionHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Random inspections (双随机): the draw is stored with its seed and population hash, and the hash
 * of its canonical record goes through the same outbox → Merkle batch → ledger path as permit
 * actions, so an auditor can check later that the sample was neither redrawn nor edited.
 */
@Component
class InspectionService implements RandomInspections {

    static final String KIND = "random-inspection";
    private static final SecureRandom SEEDS = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxWriter outbox;
    private final OutboxRelaySignal relaySignal;
    private final LedgerBackend ledger;
    private final ObjectMapper mapper;
    private final Clock clock;

    InspectionService(JdbcTemplate jdbc, TransactionTemplate tx, OutboxWriter outbox, OutboxRelaySignal relaySignal,
            LedgerBackend ledger, ObjectMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.relaySignal = relaySignal;
        this.ledger = ledger;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Inspection draw(Caller caller, Inspection.Request request) {
        String jurisdiction = RegulatorQueries.jurisdictionOf(caller);
        boolean enterprises = "ENTERPRISES".equals(request.target());
        List<String> population = jdbc.queryForList(
                "select distinct " + (enterprises ? "enterprise_code" : "permit_no") + " from permits"
                        + " where division_code like ? and applied_at >= ? and applied_at < ?"
                        + " and (?::text is null or work_type = ?)",
                String.class, jurisdiction + "%", Timestamp.from(request.from()), Timestamp.from(request.to()),
                request.workType(), request.workType());
        long seed = request.seed() != null ? request.seed() : SEEDS.nextLong();
        List<String> selected = InspectionDraw.draw(population, seed, request.sampleSize());
        ObjectNode criteria = mapper.createObjectNode();
        criteria.put("from", request.from().toString());
        criteria.put("to", request.to().toString());
        if (request.workType() != null) {
            criteria.put("workType", request.workType());
        }
        UUID id = UUID.randomUUID();
        // PostgreSQL keeps microseconds; the record must read back exactly as it was hashed
        Instant drawnAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Stored stored = new Stored(id, jurisdiction, request.target(), seed, request.sampleSize(), population.size(),
                InspectionDraw.populationHash(population), criteria, selected, caller.subject(), drawnAt);
        String hash = ActionHash.ofJson(document(stored).toString());
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    insert into random_inspections (inspection_id, jurisdiction, target, seed, sample_size, population_size,
                        population_hash, criteria, result, drawn_by, drawn_at, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)""",
                    id, jurisdiction, stored.target(), seed, stored.sampleSize(), stored.populationSize(),
                    stored.populationHash(), criteria.toString(), json(selected), stored.drawnBy(),
                    Timestamp.from(drawnAt), hash);
            outbox.ledgerRecord(KIND, id, hash);
        });
        relaySignal.wake();
        return view(stored, hash);
    }

    @Override
    public Optional<Inspection> find(Caller caller, String inspectionId) {
        String jurisdiction = RegulatorQueries.jurisdictionOf(caller);
        return jdbc.query("select * from random_inspections where inspection_id = ?::uuid and jurisdiction like ?",
                        (rs, i) -> new Object[] {stored(rs), rs.getString("hash")}, inspectionId, jurisdiction + "%")
                .stream().findFirst().map(row -> view((Stored) row[0], (String) row[1]));
    }

    private record Stored(UUID id, String jurisdiction, String target, long seed, int sampleSize, int populationSize,
            String populationHash, JsonNode criteria, List<String> selected, String drawnBy, Instant drawnAt) {}

    /** The canonical record whose hash is anchored; rebuilt from the row when verified. */
    private ObjectNode document(Stored s) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("kind", KIND);
        doc.put("inspectionId", s.id().toString());
        doc.put("jurisdiction", s.jurisdiction());
        doc.put("target", s.target());
        doc.put("seed", Long.toString(s.seed())); // as text: RFC 8785 numbers are doubles
        doc.put("sampleSize", s.sampleSize());
        doc.put("populationSize", s.populationSize());
        doc.put("populationHash", s.populationHash());
        doc.set("criteria", s.criteria());
        doc.set("selected", mapper.valueToTree(s.selected()));
        doc.put("drawnBy", s.drawnBy());
        doc.put("drawnAt", s.drawnAt().toString());
        return doc;
    }

    /** The draw with its anchoring judged like an action's: recomputed hash, proof, root read from the ledger. */
    private Inspection view(Stored s, String storedHash) {
        JsonNode document = document(s);
        String recomputed = ActionHash.ofJson(document.toString());
        List<Map<String, Object>> proofs = jdbc.queryForList("""
                select p.sequence, p.batch_id, p.leaf_index, b.size, p.record_hash, p.path::text
                  from record_proofs p join ledger_batches b on b.batch_id = p.batch_id
                 where p.record_id = ? and p.record_kind = ?""", s.id(), KIND);
        EvidenceAction action;
        AnchoredBatch batch = null;
        if (proofs.isEmpty()) {
            action = new EvidenceAction(1, s.id().toString(), KIND, document, recomputed, null, null, null, null, null,
                    List.of(), null, null);
        } else {
            Map<String, Object> proof = proofs.get(0);
            String batchId = (String) proof.get("batch_id");
            List<String> path = List.of(read((String) proof.get("path")));
            action = new EvidenceAction(1, s.id().toString(), KIND, document, recomputed, (String) proof.get("record_hash"),
                    batchId, ((Number) proof.get("sequence")).longValue(), ((Number) proof.get("leaf_index")).longValue(),
                    ((Number) proof.get("size")).longValue(), path, null, null);
            batch = ledger.batch(batchId).map(b -> new AnchoredBatch(b.batchId(), b.merkleRoot(), b.size(),
                    b.firstSequence(), b.lastSequence(), b.previousBatchId(), null, null, null)).orElse(null);
        }
        AnchoredBatch onLedger = batch;
        EvidenceAction judged = PermitVerifier.verify(1, List.of(action), id -> onLedger).get(0);
        VerificationStatus status = recomputed.equals(storedHash) ? judged.status() : VerificationStatus.TAMPERED;
        var anchoring = new Inspection.Anchoring(status, judged.batchId(), judged.leafIndex(), judged.treeSize(),
                judged.path(), judged.ledgerRoot());
        return new Inspection(s.id().toString(), s.jurisdiction(), s.target(), s.seed(), s.sampleSize(),
                s.populationSize(), s.populationHash(), s.criteria(), s.selected(), s.drawnBy(), s.drawnAt(), recomputed,
                anchoring);
    }

    private Stored stored(ResultSet rs) throws SQLException {
        try {
            return new Stored(rs.getObject("inspection_id", UUID.class), rs.getString("jurisdiction"),
                    rs.getString("target"), rs.getLong("seed"), rs.getInt("sample_size"), rs.getInt("population_size"),
                    rs.getString("population_hash"), mapper.readTree(rs.getString("criteria")),
                    List.of(mapper.readValue(rs.getString("result"), String[].class)), rs.getString("drawn_by"),
                    rs.getTimestamp("drawn_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored inspection is unreadable", e);
        }
    }

    private String[] read(String json) {
        try {
            return mapper.readValue(json, String[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored proof path is not JSON", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
