package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.ledger.hash.ActionHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores each route change (who, when, the file and its SHA-256) append-only, keeps the current
 * set of API-deployed files, and anchors the change on the ledger through the outbox: the change
 * is in the same Merkle batches as permit actions. Call inside a transaction.
 */
@Component
public class RouteChangeLog {

    /** {@code recordKind} of route changes in ledger entries and {@code record_proofs}. */
    public static final String RECORD_KIND = "route-change";

    public record StoredDeployment(String id, String yaml, String sha256, String updatedBy, Instant updatedAt) {}

    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;
    private final OutboxRelaySignal signal;
    private final ObjectMapper mapper;

    public RouteChangeLog(JdbcTemplate jdbc, OutboxWriter outbox, OutboxRelaySignal signal, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.signal = signal;
        this.mapper = mapper;
    }

    /** @param yaml null for a DELETE */
    public UUID record(String deploymentId, String operation, String actor, Instant at, String yaml, String sha256) {
        UUID id = UUID.randomUUID();
        ObjectNode record = mapper.createObjectNode();
        record.put("id", id.toString());
        record.put("deploymentId", deploymentId);
        record.put("operation", operation);
        record.put("actor", actor);
        record.put("changedAt", at.toString());
        record.put("sha256", sha256);
        String recordHash = ActionHash.ofJson(record.toString());
        jdbc.update("""
                insert into route_changes (id, deployment_id, operation, actor, changed_at, sha256, yaml, record_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", id, deploymentId, operation, actor, Timestamp.from(at), sha256, yaml, recordHash);
        if (yaml == null) {
            jdbc.update("delete from route_deployments where id = ?", deploymentId);
        } else {
            jdbc.update("""
                    insert into route_deployments (id, yaml, sha256, updated_by, updated_at) values (?, ?, ?, ?, ?)
                    on conflict (id) do update set yaml = excluded.yaml, sha256 = excluded.sha256,
                        updated_by = excluded.updated_by, updated_at = excluded.updated_at""",
                    deploymentId, yaml, sha256, actor, Timestamp.from(at));
        }
        outbox.ledgerRecord(RECORD_KIND, id, recordHash);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        }
        return id;
    }

    public List<StoredDeployment> current() {
        return jdbc.query("select id, yaml, sha256, updated_by, updated_at from route_deployments order by id",
                (rs, i) -> new StoredDeployment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
    }
}
