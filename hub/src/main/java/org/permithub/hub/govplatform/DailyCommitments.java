package org.permithub.hub.govplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permithub.api.problem.ApiProblem;
import org.permithub.connectors.govplatform.CommitmentRecords;
import org.permithub.connectors.govplatform.DailyCommitment;
import org.permithub.core.access.Caller;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.WorkType;
import org.permithub.core.site.SiteCalendar;
import org.permithub.hub.events.PermitEvents;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.hub.permit.PermitStore;
import org.permithub.hub.site.ReferenceDataStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily safety commitment (安全承诺): stored with its deadline (10:00 local time of the site by
 * default), queued for the platform in the same transaction, and after the day reconciled against
 * the permits actually started, with mismatches raised on {@code permit.alerts}.
 */
@Service
public class DailyCommitments {

    /** One reconciliation bucket: hot work per grade (特级/一级/二级), every other type as a whole. */
    public record Category(WorkType workType, Grade grade) {
        static Category of(WorkType type, Grade grade) {
            return new Category(type, type == WorkType.HOT_WORK ? grade : null);
        }

        @Override
        public String toString() {
            return grade == null ? workType.name() : workType.name() + "/" + grade.name();
        }
    }

    /** A category whose committed and actual counts differ. */
    public record Mismatch(String category, int committed, int actual) {}

    /** What the reconciliation of one day found. */
    public record Reconciliation(List<Mismatch> mismatches, List<String> permitNos) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final ReferenceDataStore reference;
    private final PermitStore permits;
    private final OutboxWriter outbox;
    private final OutboxRelaySignal signal;
    private final GovPlatformOutbox platform;
    private final CommitmentRecords records;
    private final GovPlatformSettings settings;
    private final Clock clock;
    private final PermitEvents events;

    public DailyCommitments(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper,
            ReferenceDataStore reference, PermitStore permits, OutboxWriter outbox, OutboxRelaySignal signal,
            GovPlatformOutbox platform, CommitmentRecords records, GovPlatformSettings settings, Clock clock,
            PermitEvents events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.reference = reference;
        this.permits = permits;
        this.outbox = outbox;
        this.signal = signal;
        this.platform = platform;
        this.records = records;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** Stores (or corrects) a commitment and queues it for the platform; returns the stored view. */
    public ObjectNode submit(Caller caller, String siteId, LocalDate date, DailyCommitment request) {
        if (request.enterpriseCode() == null || !CreditCode.isValid(request.enterpriseCode())) {
            throw ApiProblem.invalidField("enterpriseCode", "not a valid 统一社会信用代码");
        }
        if (!caller.actsFor(request.enterpriseCode())) {
            throw new ApiProblem(403, "ENTERPRISE_MISMATCH", "Forbidden",
                    "your token does not act for enterprise " + request.enterpriseCode());
        }
        ZoneId zone = zoneOf(siteId);
        Instant now = clock.instant();
        Instant dueAt = date.atTime(settings.commitmentDue()).atZone(zone).toInstant();
        boolean late = now.isAfter(dueAt);
        tx.executeWithoutResult(status -> {
            Long previous = jdbc.query("""
                    select version from daily_commitments where enterprise_code = ? and site_id = ? and commit_date = ?
                    for update""", rs -> rs.next() ? rs.getLong(1) : null, request.enterpriseCode(), siteId, date);
            long version = previous == null ? 1 : previous + 1;
            DailyCommitment stored = new DailyCommitment(request.enterpriseCode(), siteId, date,
                    request.unitsNumber(), request.runNumber(), request.parkNumber(), request.contractorNumber(),
                    request.planned(), request.commitment(), request.riskGrade(), request.principal(), now, version);
            String json = write(stored);
            jdbc.update("""
                    insert into daily_commitments (enterprise_code, site_id, commit_date, commitment, version,
                        submitted_at, submitted_by, due_at, late)
                    values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                    on conflict (enterprise_code, site_id, commit_date) do update set commitment = excluded.commitment,
                        version = excluded.version, submitted_at = excluded.submitted_at,
                        submitted_by = excluded.submitted_by, late = daily_commitments.late or excluded.late,
                        reconciled_at = null""",
                    request.enterpriseCode(), siteId, date, json, version, Timestamp.from(now), caller.subject(),
                    Timestamp.from(dueAt), late);
            platform.enqueue(request.enterpriseCode(),
                    UUID.nameUUIDFromBytes(("promise/" + stored.enterpriseCode() + "/" + siteId + "/" + date + "/"
                            + version).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    List.of(records.promise(stored)));
            if (late && previous == null) {
                ObjectNode data = mapper.createObjectNode();
                data.put("detail", "the commitment for " + date + " came after its deadline " + dueAt);
                data.put("dueAt", dueAt.toString());
                alert(CommitmentAlerts.LATE, stored.enterpriseCode(), siteId, date, version, now, data);
            }
        });
        signal.wake();
        return find(request.enterpriseCode(), siteId, date).orElseThrow();
    }

    public Optional<ObjectNode> find(String enterpriseCode, String siteId, LocalDate date) {
        return jdbc.query("""
                select commitment, version, submitted_at, due_at, late, reconciled_at from daily_commitments
                 where enterprise_code = ? and site_id = ? and commit_date = ?""", rs -> {
            if (!rs.next()) {
                return Optional.<ObjectNode>empty();
            }
            ObjectNode view = mapper.createObjectNode();
            view.put("enterpriseCode", enterpriseCode);
            view.put("siteId", siteId);
            view.put("commitDate", date.toString());
            view.put("version", rs.getLong(2));
            view.put("submittedAt", rs.getTimestamp(3).toInstant().toString());
            view.put("dueAt", rs.getTimestamp(4).toInstant().toString());
            view.put("late", rs.getBoolean(5));
            if (rs.getTimestamp(6) != null) {
                view.put("reconciledAt", rs.getTimestamp(6).toInstant().toString());
            }
            view.set("commitment", read(rs.getString(1)));
            return Optional.of(view);
        }, enterpriseCode, siteId, date);
    }

    /**
     * Compares the commitment with the permits of that enterprise and site that were started (START)
     * on that local day; raises one {@code COMMITMENT_MISMATCH} alert listing every differing
     * category, links the permits to the commitment on the platform, and marks the day reconciled.
     */
    public Reconciliation reconcile(String enterpriseCode, String siteId, LocalDate date) {
        ZoneId zone = zoneOf(siteId);
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        return tx.execute(status -> {
            var row = jdbc.query("""
                    select commitment from daily_commitments where enterprise_code = ? and site_id = ? and commit_date = ?
                    for update""", rs -> rs.next() ? rs.getString(1) : null, enterpriseCode, siteId, date);
            if (row == null) {
                throw ApiProblem.notFound("COMMITMENT_NOT_FOUND", "no commitment of " + enterpriseCode + " for "
                        + siteId + " on " + date);
            }
            DailyCommitment commitment = readCommitment(row);
            List<String> started = jdbc.queryForList("""
                    select distinct a.permit_no from permit_actions a join permits p on p.permit_no = a.permit_no
                     where p.enterprise_code = ? and p.site_id = ? and a.type = 'START'
                       and a.occurred_at >= ? and a.occurred_at < ? order by a.permit_no""", String.class,
                    enterpriseCode, siteId, Timestamp.from(from), Timestamp.from(to));
            Map<Category, Integer> actual = new LinkedHashMap<>();
            for (String permitNo : started) {
                permits.find(permitNo).map(PermitStore.StoredPermit::permit).ifPresent(p -> actual.merge(category(p), 1,
                        Integer::sum));
            }
            Map<Category, Integer> committed = new LinkedHashMap<>();
            commitment.planned().forEach(w -> committed.merge(Category.of(w.workType(), w.grade()), w.count(),
                    Integer::sum));
            List<Mismatch> mismatches = new ArrayList<>();
            Map<Category, Boolean> seen = new LinkedHashMap<>();
            committed.keySet().forEach(c -> seen.put(c, true));
            actual.keySet().forEach(c -> seen.put(c, true));
            for (Category c : seen.keySet()) {
                int planned = committed.getOrDefault(c, 0);
                int done = actual.getOrDefault(c, 0);
                if (planned != done) {
                    mismatches.add(new Mismatch(c.toString(), planned, done));
                }
            }
            Instant now = clock.instant();
            if (!mismatches.isEmpty()) {
                ObjectNode data = mapper.createObjectNode();
                data.put("detail", "work carried out on " + date + " differs from the commitment in "
                        + mismatches.size() + " categories");
                data.set("mismatches", mapper.valueToTree(mismatches));
                data.set("permitNos", mapper.valueToTree(started));
                alert(CommitmentAlerts.MISMATCH, enterpriseCode, siteId, date, commitment.version(), now, data);
            }
            platform.enqueue(enterpriseCode, UUID.nameUUIDFromBytes(("promise-tickets/" + enterpriseCode + "/"
                    + siteId + "/" + date + "/" + commitment.version()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    records.promiseTickets(commitment, started));
            jdbc.update("update daily_commitments set reconciled_at = ? where enterprise_code = ? and site_id = ?"
                    + " and commit_date = ?", Timestamp.from(now), enterpriseCode, siteId, date);
            return new Reconciliation(mismatches, started);
        });
    }

    /**
     * Raises {@code COMMITMENT_MISSING} for every enterprise with permits planned to start on the
     * site's current day and no commitment once the deadline has passed (once per day).
     */
    public int raiseMissing(Instant now) {
        int raised = 0;
        for (String siteId : jdbc.queryForList("select site_id from sites", String.class)) {
            Optional<SiteCalendar> calendar = reference.calendar(siteId);
            if (calendar.isEmpty()) {
                continue;
            }
            ZoneId zone = calendar.get().zone();
            LocalDate today = now.atZone(zone).toLocalDate();
            Instant dueAt = today.atTime(settings.commitmentDue()).atZone(zone).toInstant();
            if (now.isBefore(dueAt)) {
                continue;
            }
            Instant from = today.atStartOfDay(zone).toInstant();
            Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
            List<String> enterprises = jdbc.queryForList("""
                    select distinct p.enterprise_code from permits p
                     where p.site_id = ? and (p.snapshot->'application'->>'plannedStart')::timestamptz >= ?
                       and (p.snapshot->'application'->>'plannedStart')::timestamptz < ?
                       and not exists (select 1 from daily_commitments c where c.enterprise_code = p.enterprise_code
                                        and c.site_id = p.site_id and c.commit_date = ?)
                       and not exists (select 1 from commitment_missing_alerts m where m.enterprise_code = p.enterprise_code
                                        and m.site_id = p.site_id and m.commit_date = ?)""", String.class,
                    siteId, Timestamp.from(from), Timestamp.from(to), today, today);
            for (String enterprise : enterprises) {
                tx.executeWithoutResult(status -> {
                    int inserted = jdbc.update("""
                            insert into commitment_missing_alerts (enterprise_code, site_id, commit_date) values (?, ?, ?)
                            on conflict do nothing""", enterprise, siteId, today);
                    if (inserted == 1) {
                        ObjectNode data = mapper.createObjectNode();
                        data.put("detail", "no commitment for " + today + " by " + dueAt + " although permits are planned");
                        data.put("dueAt", dueAt.toString());
                        alert(CommitmentAlerts.MISSING, enterprise, siteId, today, 0, now, data);
                    }
                });
                raised++;
            }
        }
        if (raised > 0) {
            signal.wake();
        }
        return raised;
    }

    /** Reconciles every stored commitment whose local day has ended; returns how many. */
    public int reconcileFinishedDays(Instant now) {
        List<Map<String, Object>> open = jdbc.queryForList("""
                select enterprise_code, site_id, commit_date from daily_commitments
                 where reconciled_at is null and commit_date < ? order by commit_date limit 100""",
                now.atZone(java.time.ZoneOffset.ofHours(14)).toLocalDate()); // the earliest zone to finish a day
        int done = 0;
        for (Map<String, Object> row : open) {
            String enterprise = (String) row.get("enterprise_code");
            String siteId = (String) row.get("site_id");
            LocalDate date = ((java.sql.Date) row.get("commit_date")).toLocalDate();
            Optional<SiteCalendar> calendar = reference.calendar(siteId);
            ZoneId zone = calendar.map(SiteCalendar::zone).orElse(settings.zone());
            if (now.isBefore(date.plusDays(1).atStartOfDay(zone).toInstant())) {
                continue;
            }
            reconcile(enterprise, siteId, date);
            done++;
        }
        if (done > 0) {
            signal.wake();
        }
        return done;
    }

    private static Category category(Permit p) {
        return Category.of(p.application().workType(), p.effectiveGrade());
    }

    private void alert(String code, String enterpriseCode, String siteId, LocalDate date, long version, Instant at,
            ObjectNode data) {
        outbox.add(OutboxWriter.ALERTS, enterpriseCode, CommitmentAlerts.eventId(code, enterpriseCode, siteId, date, version),
                CommitmentAlerts.toJson(events, code, enterpriseCode, siteId, date, version, at, data));
    }

    private ZoneId zoneOf(String siteId) {
        return reference.calendar(siteId).map(SiteCalendar::zone)
                .orElseThrow(() -> ApiProblem.notFound("SITE_NOT_FOUND", "no site " + siteId));
    }

    private String write(DailyCommitment commitment) {
        try {
            return mapper.writeValueAsString(commitment);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DailyCommitment readCommitment(String json) {
        try {
            return mapper.readValue(json, DailyCommitment.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable stored commitment", e);
        }
    }
}
