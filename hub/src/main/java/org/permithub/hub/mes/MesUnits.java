package org.permithub.hub.mes;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.permithub.connectors.govplatform.ParkPlatformMapper;
import org.permithub.connectors.govplatform.ParkPlatformTables;
import org.permithub.connectors.govplatform.PlatformRecord;
import org.permithub.connectors.mes.MesPayloads;
import org.permithub.hub.govplatform.GovPlatformOutbox;
import org.permithub.ledger.hash.ActionHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unit run status from MES ({@code mes_unit_status}); a changed unit is also queued for the
 * platform's {@code sec_device_run_status}, in the same transaction.
 */
@Component("mesUnits")
public class MesUnits {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MesPayloads payloads;
    private final GovPlatformOutbox platform;
    private final ParkPlatformMapper mapper;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public MesUnits(JdbcTemplate jdbc, TransactionTemplate tx, MesPayloads payloads, GovPlatformOutbox platform,
            ParkPlatformMapper mapper, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payloads = payloads;
        this.platform = platform;
        this.mapper = mapper;
        this.json = json;
    }

    /** Applies a run-status answer; returns how many units changed. */
    public int apply(String body) {
        List<MesPayloads.UnitStatus> units = payloads.unitStatus(body);
        return tx.execute(status -> {
            List<PlatformRecord> changed = new ArrayList<>();
            for (MesPayloads.UnitStatus unit : units) {
                // the report time is not part of the state: an unchanged unit re-reported is no change
                String hash = ActionHash.ofValue(java.util.Arrays.asList(unit.unitCode(), unit.unitName(),
                        unit.runStatus(), unit.testing()));
                int updated = jdbc.update("""
                        insert into mes_unit_status (unit_code, unit_name, run_status, is_testing, reported_at, record_hash)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (unit_code) do update set unit_name = excluded.unit_name,
                            run_status = excluded.run_status, is_testing = excluded.is_testing,
                            reported_at = excluded.reported_at, record_hash = excluded.record_hash, updated_at = now()
                        where mes_unit_status.record_hash <> excluded.record_hash""",
                        unit.unitCode(), unit.unitName(), unit.runStatus(), unit.testing(),
                        Timestamp.from(unit.reportedAt()), hash);
                if (updated == 1) {
                    var record = json.createObjectNode();
                    String id = ParkPlatformMapper.stableId("unit/" + unit.unitCode());
                    record.put("id", id);
                    record.put("hazardCode", unit.unitCode());
                    record.put("runStatus", unit.runStatus());
                    record.put("isTesting", unit.testing() ? 1 : 0);
                    record.put("updateDate", mapper.timestamp(unit.reportedAt()));
                    record.put("deleted", 0);
                    changed.add(new PlatformRecord(ParkPlatformTables.DEVICE_RUN_STATUS, id, record));
                }
            }
            if (!changed.isEmpty()) {
                platform.enqueue("mes-units", UUID.nameUUIDFromBytes(changed.toString().getBytes()), changed);
            }
            return changed.size();
        });
    }
}
