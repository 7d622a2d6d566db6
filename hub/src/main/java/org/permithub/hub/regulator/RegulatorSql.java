package org.permithub.hub.regulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.permithub.api.regulator.ActionFact;
import org.permithub.api.regulator.AlertFact;
import org.permithub.api.regulator.ContractorRoster;
import org.permithub.api.regulator.DailyCommitments;
import org.permithub.api.regulator.PermitFacts;
import org.permithub.api.regulator.PermitSearch;
import org.permithub.api.regulator.PermitSummary;
import org.permithub.api.regulator.RegulatorStore;
import org.permithub.core.permit.Permit;
import org.permithub.core.site.SiteCalendar;
import org.permithub.hub.permit.PermitStore;
import org.permithub.hub.site.ReferenceDataStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The regulator operations' reads over the permit tables, the action log and the alert outbox rows. */
@Component
class RegulatorSql implements RegulatorStore {

    private static final Set<String> GROUPABLE = Set.of("work_type", "grade", "state", "enterprise_code");

    private final JdbcTemplate jdbc;
    private final PermitStore permits;
    private final ObjectMapper mapper;
    private final DailyCommitments commitments;
    private final ContractorRoster roster;
    private final ZoneId zone;
    private final ReferenceDataStore sites;

    RegulatorSql(JdbcTemplate jdbc, PermitStore permits, ObjectMapper mapper, DailyCommitments commitments,
            ContractorRoster roster, @Value("${permit-hub.regulator.time-zone:Asia/Shanghai}") String zone,
            ReferenceDataStore sites) {
        this.jdbc = jdbc;
        this.permits = permits;
        this.mapper = mapper;
        this.commitments = commitments;
        this.roster = roster;
        this.zone = ZoneId.of(zone);
        this.sites = sites;
    }

    @Override
    public List<PermitSummary> search(PermitSearch s) {
        StringBuilder sql = new StringBuilder("""
                select permit_no, enterprise_code, site_id, work_type, grade, state,
                       snapshot #>> '{application,plannedStart}' as planned_start,
                       snapshot #>> '{application,plannedEnd}' as planned_end, applied_at, updated_at
                  from permits where division_code like ?""");
        List<Object> args = new ArrayList<>();
        args.add(likePrefix(s.jurisdiction()));
        filter(sql, args, "enterprise_code = ?", s.enterpriseCode());
        filter(sql, args, "enterprise_code in (select credit_code from enterprises where park_id = ?)", s.parkId());
        filter(sql, args, "work_type = ?", s.workType());
        filter(sql, args, "grade = ?", s.grade());
        filter(sql, args, "state = ?", s.state());
        if (s.contractorId() != null) {
            // a contractor's permits are those one of its workers is on
            List<String> workers = roster.workerIds(s.contractorId());
            sql.append(" and jsonb_exists_any(snapshot #> '{application,workers}', ?::text[])");
            args.add(workers.toArray(String[]::new));
        }
        filter(sql, args, "applied_at >= ?", s.from() == null ? null : Timestamp.from(s.from()));
        filter(sql, args, "applied_at < ?", s.to() == null ? null : Timestamp.from(s.to()));
        if (s.after() != null) {
            sql.append(" and (applied_at, permit_no) < (?, ?)");
            args.add(Timestamp.from(s.after().appliedAt()));
            args.add(s.after().permitNo());
        }
        sql.append(" order by applied_at desc, permit_no desc limit ?");
        args.add(s.limit() + 1);
        return jdbc.query(sql.toString(), (rs, i) -> new PermitSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getString(7)), instant(rs.getString(8)),
                rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant()), args.toArray());
    }

    @Override
    public Optional<PermitFacts> facts(String permitNo) {
        return permits.find(permitNo).map(stored -> {
            List<ActionFact> actions = permits.actions(permitNo).stream()
                    .map(a -> new ActionFact(a.id(), a.version(), a.type().name(), a.actor(), a.occurredAt(), a.data()))
                    .toList();
            List<AlertFact> alerts = jdbc.query(
                    "select payload from outbox where destination = 'alerts' and aggregate_id = ? order by id",
                    (rs, i) -> alert(rs.getString(1)), permitNo);
            int batch = 0;
            for (ActionFact approval : actions) {
                if ("APPROVE".equals(approval.type()) && approval.data().hasNonNull("approverId")
                        && approval.data().hasNonNull("at")) {
                    String at = approval.data().get("at").asText();
                    Integer sameSecond = jdbc.queryForObject("""
                            select count(distinct permit_no) from permit_actions
                             where type = 'APPROVE' and data ->> 'approverId' = ? and left(data ->> 'at', 19) = ?""",
                            Integer.class, approval.data().get("approverId").asText(), at.substring(0, Math.min(19, at.length())));
                    batch = Math.max(batch, sameSecond == null ? 0 : sameSecond);
                }
            }
            return new PermitFacts(stored.permit(), stored.divisionCode(), actions, alerts, batch,
                    inCommitment(stored.permit(), actions));
        });
    }

    @Override
    public List<String> childPermits(String permitNo) {
        return jdbc.queryForList("""
                select permit_no from permits where snapshot #>> '{application,details,parentPermitNo}' = ?
                 order by permit_no""", String.class, permitNo);
    }

    @Override
    public List<PermitFacts> factsApplied(String jurisdiction, Instant from, Instant to, String enterpriseCode, int max) {
        Map<String, Permit> found = new LinkedHashMap<>();
        Map<String, String> divisions = new HashMap<>();
        jdbc.query("select permit_no, snapshot, division_code from permits where division_code like ?"
                + " and applied_at >= ? and applied_at < ? and (?::text is null or enterprise_code = ?)"
                + " order by applied_at, permit_no limit ?", rs -> {
                    found.put(rs.getString(1), read(rs.getString(2), Permit.class));
                    divisions.put(rs.getString(1), rs.getString(3));
                }, likePrefix(jurisdiction), Timestamp.from(from), Timestamp.from(to), enterpriseCode, enterpriseCode, max);
        if (found.isEmpty()) {
            return List.of();
        }
        String[] numbers = found.keySet().toArray(String[]::new);
        Map<String, List<ActionFact>> actions = new HashMap<>();
        jdbc.query("select permit_no, id, version, type, actor, occurred_at, data from permit_actions"
                + " where permit_no = any(?) order by permit_no, version", rs -> {
                    actions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ActionFact(
                            rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), read(rs.getString(7), JsonNode.class)));
                }, (Object) numbers);
        Map<String, List<AlertFact>> alerts = new HashMap<>();
        jdbc.query("select aggregate_id, payload from outbox where destination = 'alerts' and aggregate_id = any(?)"
                + " order by id", rs -> {
                    alerts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(alert(rs.getString(2)));
                }, (Object) numbers);
        // batch stamping among the permits of the window: one approver, many permits, one second
        Map<String, Set<String>> permitsPerStamp = new HashMap<>();
        actions.forEach((permitNo, list) -> list.stream()
                .filter(a -> "APPROVE".equals(a.type()) && a.data().hasNonNull("approverId") && a.data().hasNonNull("at"))
                .forEach(a -> permitsPerStamp.computeIfAbsent(a.data().get("approverId").asText() + "|"
                        + left19(a.data().get("at").asText()), k -> new HashSet<>()).add(permitNo)));
        List<PermitFacts> result = new ArrayList<>();
        found.forEach((permitNo, permit) -> {
            List<ActionFact> list = actions.getOrDefault(permitNo, List.of());
            int batch = list.stream()
                    .filter(a -> "APPROVE".equals(a.type()) && a.data().hasNonNull("approverId") && a.data().hasNonNull("at"))
                    .mapToInt(a -> permitsPerStamp.get(a.data().get("approverId").asText() + "|"
                            + left19(a.data().get("at").asText())).size())
                    .max().orElse(0);
            result.add(new PermitFacts(permit, divisions.get(permitNo), list, alerts.getOrDefault(permitNo, List.of()),
                    batch, inCommitment(permit, list)));
        });
        return result;
    }

    @Override
    public Map<String, Integer> countBy(String column, String jurisdiction, Instant from, Instant to, String enterpriseCode) {
        if (!GROUPABLE.contains(column)) {
            throw new IllegalArgumentException("cannot group by " + column);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.query("select coalesce(" + column + ", 'NONE'), count(*) from permits where division_code like ?"
                + " and applied_at >= ? and applied_at < ? and (?::text is null or enterprise_code = ?)"
                + " group by 1 order by 1", rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, likePrefix(jurisdiction), Timestamp.from(from), Timestamp.from(to), enterpriseCode, enterpriseCode);
        return counts;
    }

    @Override
    public List<Instant> alarmTimes(String jurisdiction, Instant from, Instant to, String enterpriseCode) {
        return jdbc.query("""
                select o.created_at from outbox o join permits p on p.permit_no = o.aggregate_id
                 where o.destination = 'alerts' and o.created_at >= ? and o.created_at < ?
                   and p.division_code like ? and (?::text is null or p.enterprise_code = ?)""",
                (rs, i) -> rs.getTimestamp(1).toInstant(),
                Timestamp.from(from), Timestamp.from(to), likePrefix(jurisdiction), enterpriseCode, enterpriseCode);
    }

    /** Whether the day's commitment announced the work; empty without commitment data. */
    private Optional<Boolean> inCommitment(Permit permit, List<ActionFact> actions) {
        return actions.stream().filter(a -> "START".equals(a.type())).findFirst().flatMap(start -> {
            var app = permit.application();
            // a commitment is for the site's local day (the same day its 10:00 deadline belongs to)
            ZoneId siteZone = sites.calendar(app.siteId()).map(SiteCalendar::zone).orElse(zone);
            return commitments.covers(app.enterpriseCode(), start.occurredAt().atZone(siteZone).toLocalDate(),
                    app.workType().name(), app.grade() == null ? null : app.grade().name());
        });
    }

    private AlertFact alert(String cloudEventJson) {
        JsonNode data = read(cloudEventJson, JsonNode.class).path("data");
        List<String> related = new ArrayList<>();
        data.path("relatedPermitNos").forEach(n -> related.add(n.asText()));
        return new AlertFact(data.path("code").asText(null), data.path("clause").asText(null),
                data.path("detail").asText(null), related, instant(data.path("occurredAt").asText(null)));
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            args.add(value);
        }
    }

    /** A division prefix as a LIKE pattern (digits only, so nothing to escape). */
    private static String likePrefix(String jurisdiction) {
        String prefix = jurisdiction == null ? "" : jurisdiction;
        if (!prefix.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("jurisdiction must be a division code: " + prefix);
        }
        return prefix + "%";
    }

    private static String left19(String text) {
        return text.substring(0, Math.min(19, text.length()));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
