package org.permithub.hub.mes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.permithub.connectors.mes.IsolationPointReport;
import org.permithub.connectors.mes.IsolationStatus;
import org.permithub.core.isolation.IsolationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The isolation points of permits as MES reports them, with their evidence (PostgreSQL
 * {@code isolation_points}, append-only {@code isolation_point_evidence}). A report is applied
 * only when it is newer than the stored one (MES version) and does not move the point backwards.
 */
@Component
public class IsolationStore {

    private static final Logger log = LoggerFactory.getLogger(IsolationStore.class);

    /** What one batch of reports did. */
    public record Outcome(int applied, int unchanged, List<String> refused) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;

    public IsolationStore(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
    }

    /** Applies the reports in one transaction. */
    public Outcome apply(List<IsolationPointReport> reports, String source) {
        return tx.execute(status -> {
            int applied = 0;
            int unchanged = 0;
            List<String> refused = new java.util.ArrayList<>();
            for (IsolationPointReport report : reports) {
                String verdict = applyOne(report, source);
                if (verdict == null) {
                    applied++;
                } else if (verdict.isEmpty()) {
                    unchanged++;
                } else {
                    refused.add(report.pointId() + ": " + verdict);
                }
            }
            if (!refused.isEmpty()) {
                log.warn("MES isolation reports refused: {}", refused);
            }
            return new Outcome(applied, unchanged, refused);
        });
    }

    /** @return null when applied, "" when not newer, otherwise why it was refused */
    private String applyOne(IsolationPointReport report, String source) {
        String missing = report.missingEvidence();
        if (missing != null) {
            return missing;
        }
        var stored = jdbc.query("select state, mes_version from isolation_points where permit_no = ? and point_id = ?"
                + " for update", rs -> rs.next() ? new Object[] {IsolationStatus.valueOf(rs.getString(1)), rs.getLong(2)}
                : null, report.permitNo(), report.pointId());
        if (stored != null) {
            IsolationStatus previous = (IsolationStatus) stored[0];
            long version = (Long) stored[1];
            if (report.version() <= version) {
                return "";
            }
            if (!report.status().mayFollow(previous)) {
                return "cannot go from " + previous + " back to " + report.status();
            }
        }
        Timestamp reportedAt = Timestamp.from(report.reportedAt());
        jdbc.update("""
                insert into isolation_points (permit_no, point_id, state, mes_version, reported_at)
                values (?, ?, ?, ?, ?)
                on conflict (permit_no, point_id) do update set state = excluded.state,
                    mes_version = excluded.mes_version, reported_at = excluded.reported_at, updated_at = now()""",
                report.permitNo(), report.pointId(), report.status().name(), report.version(), reportedAt);
        jdbc.update("""
                insert into isolation_point_evidence (permit_no, point_id, state, mes_version, evidence, source, reported_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?)""", report.permitNo(), report.pointId(), report.status().name(),
                report.version(), report.evidence() == null ? "{}" : report.evidence().toString(), source, reportedAt);
        return null;
    }

    public Optional<IsolationStatus> status(String permitNo, String pointId) {
        return jdbc.query("select state from isolation_points where permit_no = ? and point_id = ?",
                rs -> rs.next() ? Optional.of(IsolationStatus.valueOf(rs.getString(1))) : Optional.empty(),
                permitNo, pointId);
    }

    /**
     * What the permit rules see (core {@code IsolationState}): VERIFIED is in place; any other
     * reported state is not (NOT_ISOLATED overrides a confirmation on the permit); a point MES has
     * not reported is UNKNOWN, and the permit's own CONFIRM_ISOLATION decides.
     */
    public IsolationState ruleState(String permitNo, String pointId) {
        return status(permitNo, pointId)
                .map(s -> s == IsolationStatus.VERIFIED ? IsolationState.CONFIRMED : IsolationState.NOT_ISOLATED)
                .orElse(IsolationState.UNKNOWN);
    }

    /** The evidence of one point, oldest first. */
    public List<String> evidence(String permitNo, String pointId) {
        return jdbc.queryForList("select state || ' ' || evidence::text from isolation_point_evidence"
                + " where permit_no = ? and point_id = ? order by id", String.class, permitNo, pointId);
    }

    /** Open permits that declare isolation points: the ones to pull from MES. */
    public List<String> permitsAwaitingIsolation(int limit) {
        return jdbc.queryForList("""
                select permit_no from permits
                 where state in ('APPLIED', 'APPROVED', 'GAS_TESTED', 'ACTIVE', 'SUSPENDED')
                   and jsonb_array_length(coalesce(snapshot->'application'->'details'->'isolationPoints', '[]'::jsonb)) > 0
                 order by updated_at desc limit ?""", String.class, limit);
    }
}
