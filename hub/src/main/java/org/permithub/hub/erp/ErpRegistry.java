package org.permithub.hub.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.permithub.api.problem.ApiProblem;
import org.permithub.connectors.erp.ErpPayloads;
import org.permithub.connectors.erp.ErpRecord;
import org.permithub.ledger.hash.ActionHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ERP's employees, contractor companies and cost centres in PostgreSQL ({@code erp_*} tables).
 * Change detection: each record's normalised fields are hashed (RFC 8785 canonical JSON, SHA-256);
 * a pulled or pushed record is written only when its hash differs from the stored one, and then its
 * version goes up by one. Deletions come only as change events (a pull is not assumed complete).
 */
@Component("erpRegistry")
public class ErpRegistry {

    private static final Logger log = LoggerFactory.getLogger(ErpRegistry.class);

    /** What one pull or event did. */
    public record Outcome(int applied, int unchanged, List<String> refused, boolean repeat) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ErpPayloads payloads;
    private final ObjectMapper mapper;

    public ErpRegistry(JdbcTemplate jdbc, TransactionTemplate tx, ErpPayloads payloads, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payloads = payloads;
        this.mapper = mapper;
    }

    /** A pull answer of {@code resource} (employees, contractors, cost-centres). */
    public Outcome applyPull(String resource, String body) {
        ErpPayloads.Batch batch = payloads.rows(ErpPayloads.kindOf(resource), body);
        Outcome outcome = tx.execute(status -> {
            int applied = 0;
            for (ErpRecord record : batch.records()) {
                applied += upsert(record) ? 1 : 0;
            }
            return new Outcome(applied, batch.records().size() - applied, batch.refused(), false);
        });
        if (!batch.refused().isEmpty()) {
            log.warn("ERP {} rows refused: {}", resource, batch.refused());
        }
        log.info("ERP {} pulled: {} changed, {} unchanged", resource, outcome.applied(), outcome.unchanged());
        return outcome;
    }

    /** An inbound change event (openapi/connectors.yaml); a repeated event id applies nothing. */
    public Outcome applyEvent(String body) {
        JsonNode event;
        try {
            event = mapper.readTree(body);
        } catch (Exception e) {
            throw ApiProblem.invalidField("body", "not JSON");
        }
        String eventId = event.path("eventId").asText("");
        String operation = event.path("operation").asText("");
        if (eventId.isBlank() || !event.path("record").isObject()) {
            throw ApiProblem.invalidField("body", "an ERP change event needs eventId, entity, operation and record");
        }
        ErpRecord.Kind kind;
        try {
            kind = ErpRecord.Kind.valueOf(event.path("entity").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("entity", "EMPLOYEE, CONTRACTOR or COST_CENTRE");
        }
        if (!operation.equals("UPSERT") && !operation.equals("DELETE")) {
            throw ApiProblem.invalidField("operation", "UPSERT or DELETE");
        }
        ErpRecord record;
        try {
            record = payloads.record(kind, event.get("record"));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(422, "ERP_RECORD_INVALID", "Record refused", e.getMessage());
        }
        return tx.execute(status -> {
            int claimed = jdbc.update("insert into erp_change_events (event_id, outcome) values (?, '') "
                    + "on conflict do nothing", eventId);
            if (claimed == 0) {
                return new Outcome(0, 0, List.of(), true);
            }
            boolean changed = operation.equals("DELETE") ? delete(record) : upsert(record);
            jdbc.update("update erp_change_events set outcome = ? where event_id = ?", changed ? "APPLIED" : "UNCHANGED",
                    eventId);
            return new Outcome(changed ? 1 : 0, changed ? 0 : 1, List.of(), false);
        });
    }

    /** @return true when the record was new or its hash changed */
    private boolean upsert(ErpRecord record) {
        ObjectNode fields = record.fields().deepCopy();
        fields.put("key", record.key());
        fields.put("name", record.name());
        String hash = ActionHash.ofJson(fields.toString());
        String json = fields.toString();
        return switch (record.kind()) {
            case COST_CENTRE -> jdbc.update("""
                    insert into erp_cost_centres (code, name, record_hash) values (?, ?, ?)
                    on conflict (code) do update set name = excluded.name, record_hash = excluded.record_hash,
                        version = erp_cost_centres.version + 1, deleted = false, updated_at = now()
                    where erp_cost_centres.record_hash <> excluded.record_hash or erp_cost_centres.deleted""",
                    record.key(), record.name(), hash) == 1;
            case CONTRACTOR -> jdbc.update("""
                    insert into erp_contractors (credit_code, name, record, record_hash) values (?, ?, ?::jsonb, ?)
                    on conflict (credit_code) do update set name = excluded.name, record = excluded.record,
                        record_hash = excluded.record_hash, version = erp_contractors.version + 1, deleted = false,
                        updated_at = now()
                    where erp_contractors.record_hash <> excluded.record_hash or erp_contractors.deleted""",
                    record.key(), record.name(), json, hash) == 1;
            case EMPLOYEE -> jdbc.update("""
                    insert into erp_employees (employee_no, name, id_card_masked, id_card_sha256, department,
                        cost_centre, contractor_code, record, record_hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                    on conflict (employee_no) do update set name = excluded.name,
                        id_card_masked = excluded.id_card_masked, id_card_sha256 = excluded.id_card_sha256,
                        department = excluded.department, cost_centre = excluded.cost_centre,
                        contractor_code = excluded.contractor_code, record = excluded.record,
                        record_hash = excluded.record_hash, version = erp_employees.version + 1, deleted = false,
                        updated_at = now()
                    where erp_employees.record_hash <> excluded.record_hash or erp_employees.deleted""",
                    record.key(), record.name(), text(fields, "idCardMasked"), text(fields, "idCardSha256"),
                    text(fields, "department"), text(fields, "costCentre"), text(fields, "contractorCode"), json,
                    hash) == 1;
        };
    }

    private boolean delete(ErpRecord record) {
        String table = switch (record.kind()) {
            case COST_CENTRE -> "erp_cost_centres where code = ?";
            case CONTRACTOR -> "erp_contractors where credit_code = ?";
            case EMPLOYEE -> "erp_employees where employee_no = ?";
        };
        String name = table.substring(0, table.indexOf(' '));
        return jdbc.update("update " + name + " set deleted = true, version = version + 1, updated_at = now() "
                + table.substring(table.indexOf("where")) + " and not deleted", record.key()) == 1;
    }

    private static String text(ObjectNode fields, String name) {
        return fields.hasNonNull(name) ? fields.get(name).asText() : null;
    }
}
