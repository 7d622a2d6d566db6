package org.permithub.hub.permit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Permit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Permits, their append-only actions and the enterprise registry in PostgreSQL. */
@Repository
public class PermitStore {

    private static final String SELECT_PERMIT = """
            select p.snapshot, p.division_code,
                   (select a.id from permit_actions a where a.permit_no = p.permit_no
                     order by a.version desc limit 1) as last_action_id
              from permits p where p.permit_no = ?""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public PermitStore(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** A stored permit with the columns the hub needs besides the snapshot. */
    public record StoredPermit(Permit permit, String divisionCode, UUID lastActionId) {}

    /** Locks the permit row for the rest of the transaction, so actions on one permit run one at a time. */
    public Optional<StoredPermit> lockForUpdate(String permitNo) {
        return jdbc.query(SELECT_PERMIT + " for update", this::mapStored, permitNo).stream().findFirst();
    }

    public Optional<StoredPermit> find(String permitNo) {
        return jdbc.query(SELECT_PERMIT, this::mapStored, permitNo).stream().findFirst();
    }

    /** Inserts a new permit; false when the permit number is taken. */
    public boolean insert(Permit permit, String divisionCode) {
        var app = permit.application();
        return jdbc.update("""
                insert into permits (permit_no, enterprise_code, division_code, site_id, work_type, grade, state,
                                     version, last_action, snapshot, applied_at, updated_at, valid_until)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (permit_no) do nothing""",
                app.permitNo(), app.enterpriseCode(), divisionCode, app.siteId(), app.workType().name(),
                app.grade() == null ? null : app.grade().name(), permit.state().name(), permit.version(),
                permit.lastAction().name(), json(permit), Timestamp.from(permit.appliedAt()),
                Timestamp.from(permit.updatedAt()), validUntil(permit)) == 1;
    }

    public void update(Permit permit) {
        jdbc.update("""
                update permits set state = ?, version = ?, last_action = ?, snapshot = ?::jsonb, updated_at = ?,
                                   valid_until = ?
                 where permit_no = ?""",
                permit.state().name(), permit.version(), permit.lastAction().name(), json(permit),
                Timestamp.from(permit.updatedAt()), validUntil(permit), permit.permitNo());
    }

    public void appendAction(ActionRecord action) {
        jdbc.update("""
                insert into permit_actions (id, permit_no, version, type, actor, occurred_at, source, data, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
                action.id(), action.permitNo(), action.version(), action.type().name(), action.actor(),
                Timestamp.from(action.occurredAt()), action.source(), action.data().toString(), action.hash());
    }

    /** The site of a permit, without locking it (to pick the site's locks before the transaction). */
    public Optional<String> siteOf(String permitNo) {
        return jdbc.queryForList("select site_id from permits where permit_no = ?", String.class, permitNo)
                .stream().findFirst();
    }

    /** Open permits whose validity has ended by {@code now} (GB 30871-2022 §4.16). */
    public List<String> dueForExpiry(java.time.Instant now, int limit) {
        return jdbc.queryForList("""
                select permit_no from permits
                 where state not in ('COMPLETED', 'ARCHIVED', 'CANCELLED', 'EXPIRED') and valid_until <= ?
                 order by valid_until limit ?""", String.class, Timestamp.from(now), limit);
    }

    private static Timestamp validUntil(Permit permit) {
        var until = permit.validUntil();
        return until == null ? null : Timestamp.from(until);
    }

    public List<ActionRecord> actions(String permitNo) {
        return jdbc.query("""
                select id, permit_no, version, type, actor, occurred_at, source, data, hash
                  from permit_actions where permit_no = ? order by version""",
                (rs, i) -> mapAction(rs), permitNo);
    }

    /** The division an enterprise belongs to: the registry's word if it has one, else the credit code's. */
    public Optional<String> registeredDivision(String creditCode) {
        return jdbc.queryForList("select division_code from enterprises where credit_code = ?", String.class, creditCode)
                .stream().findFirst();
    }

    private StoredPermit mapStored(ResultSet rs, int row) throws SQLException {
        try {
            Permit permit = mapper.readValue(rs.getString("snapshot"), Permit.class);
            return new StoredPermit(permit, rs.getString("division_code"), rs.getObject("last_action_id", UUID.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored permit snapshot is unreadable", e);
        }
    }

    private ActionRecord mapAction(ResultSet rs) throws SQLException {
        try {
            return new ActionRecord(rs.getObject("id", UUID.class), rs.getString("permit_no"), rs.getLong("version"),
                    ActionType.valueOf(rs.getString("type")), rs.getString("actor"),
                    rs.getTimestamp("occurred_at").toInstant(), rs.getString("source"),
                    mapper.readTree(rs.getString("data")), rs.getString("hash"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored action data is unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
