package org.permithub.hub.credential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.InsuranceStatus;
import org.permithub.hub.credential.RegistryWorker.RegistryCertificate;
import org.permithub.hub.credential.RegistryWorker.RegistryInsurance;
import org.permithub.hub.credential.RegistryWorker.Verification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The credential registry's tables (V5): workers, their certificates and insurance, webhooks. */
@Repository
public class CredentialRegistry {

    /** What an upsert did. FOREIGN: the worker id belongs to another contractor (answered as not found). */
    enum Upsert { CREATED, UPDATED, UNCHANGED, FOREIGN }

    record UpsertResult(Upsert outcome, CredentialStatus status) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    CredentialRegistry(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Inside the caller's transaction: stores the submission; a changed one becomes PENDING, due for checks now. */
    private UpsertResult upsert(WorkerSubmission s, String hash, String submissionJson) {
        List<Map<String, Object>> existing = jdbc.queryForList(
                "select contractor_id, submission_hash, status from credential_workers where worker_id = ? for update",
                s.workerId());
        if (!existing.isEmpty()) {
            Map<String, Object> row = existing.get(0);
            if (!s.contractorId().equals(row.get("contractor_id"))) {
                return new UpsertResult(Upsert.FOREIGN, null);
            }
            if (hash.equals(row.get("submission_hash"))) {
                return new UpsertResult(Upsert.UNCHANGED, CredentialStatus.valueOf((String) row.get("status")));
            }
            jdbc.update("""
                    update credential_workers set name = ?, id_number = ?, submission = ?::jsonb, submission_hash = ?,
                           status = 'PENDING', valid_until = null, reasons = '[]', next_check_at = now(), attempts = 0,
                           last_error = null, updated_at = now()
                     where worker_id = ?""", s.name(), s.idNumber(), submissionJson, hash, s.workerId());
            jdbc.update("delete from credential_certificates where worker_id = ?", s.workerId());
            jdbc.update("delete from credential_insurance where worker_id = ?", s.workerId());
        } else {
            jdbc.update("""
                    insert into credential_workers (worker_id, contractor_id, name, id_number, submission, submission_hash,
                           status, next_check_at) values (?, ?, ?, ?, ?::jsonb, ?, 'PENDING', now())""",
                    s.workerId(), s.contractorId(), s.name(), s.idNumber(), submissionJson, hash);
        }
        jdbc.batchUpdate("""
                insert into credential_certificates (worker_id, number, category, operation_item, issued_on, valid_until,
                       review_due_on, last_worked_on, verification) values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                on conflict (worker_id, number) do nothing""", s.certificates(), 100, (ps, c) -> {
                    ps.setString(1, s.workerId());
                    ps.setString(2, c.number());
                    ps.setString(3, c.category().name());
                    ps.setString(4, c.operationItem());
                    ps.setDate(5, Date.valueOf(c.issuedOn()));
                    ps.setDate(6, date(c.validUntil()));
                    ps.setDate(7, date(c.reviewDueOn()));
                    ps.setDate(8, date(c.lastWorkedOn()));
                });
        jdbc.update("insert into credential_insurance (worker_id, status) values (?, 'UNVERIFIED')", s.workerId());
        return new UpsertResult(existing.isEmpty() ? Upsert.CREATED : Upsert.UPDATED, CredentialStatus.PENDING);
    }

    /**
     * Inside the caller's transaction: {@link #upsert} for many submissions with a few batched
     * statements (bulk upserts of thousands of workers). A worker id given twice in one call is
     * judged in order, as if sent one after the other.
     */
    List<UpsertResult> upsertAll(List<WorkerSubmission> submissions, List<String> hashes, List<String> jsons) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        boolean duplicates = submissions.stream().anyMatch(s -> !ids.add(s.workerId()));
        if (duplicates) {
            List<UpsertResult> results = new java.util.ArrayList<>();
            for (int i = 0; i < submissions.size(); i++) {
                results.add(upsert(submissions.get(i), hashes.get(i), jsons.get(i)));
            }
            return results;
        }
        Map<String, Map<String, Object>> existing = new java.util.HashMap<>();
        jdbc.queryForList("""
                select worker_id, contractor_id, submission_hash, status from credential_workers
                 where worker_id = any(?) for update""", (Object) ids.toArray(String[]::new))
                .forEach(row -> existing.put((String) row.get("worker_id"), row));
        List<UpsertResult> results = new java.util.ArrayList<>(submissions.size());
        List<Integer> created = new java.util.ArrayList<>();
        List<Integer> updated = new java.util.ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            WorkerSubmission s = submissions.get(i);
            Map<String, Object> row = existing.get(s.workerId());
            if (row == null) {
                created.add(i);
                results.add(new UpsertResult(Upsert.CREATED, CredentialStatus.PENDING));
            } else if (!s.contractorId().equals(row.get("contractor_id"))) {
                results.add(new UpsertResult(Upsert.FOREIGN, null));
            } else if (hashes.get(i).equals(row.get("submission_hash"))) {
                results.add(new UpsertResult(Upsert.UNCHANGED, CredentialStatus.valueOf((String) row.get("status"))));
            } else {
                updated.add(i);
                results.add(new UpsertResult(Upsert.UPDATED, CredentialStatus.PENDING));
            }
        }
        jdbc.batchUpdate("""
                insert into credential_workers (worker_id, contractor_id, name, id_number, submission, submission_hash,
                       status, next_check_at) values (?, ?, ?, ?, ?::jsonb, ?, 'PENDING', now())""",
                created, 500, (ps, i) -> {
                    WorkerSubmission s = submissions.get(i);
                    ps.setString(1, s.workerId());
                    ps.setString(2, s.contractorId());
                    ps.setString(3, s.name());
                    ps.setString(4, s.idNumber());
                    ps.setString(5, jsons.get(i));
                    ps.setString(6, hashes.get(i));
                });
        jdbc.batchUpdate("""
                update credential_workers set name = ?, id_number = ?, submission = ?::jsonb, submission_hash = ?,
                       status = 'PENDING', valid_until = null, reasons = '[]', next_check_at = now(), attempts = 0,
                       last_error = null, updated_at = now()
                 where worker_id = ?""", updated, 500, (ps, i) -> {
                    WorkerSubmission s = submissions.get(i);
                    ps.setString(1, s.name());
                    ps.setString(2, s.idNumber());
                    ps.setString(3, jsons.get(i));
                    ps.setString(4, hashes.get(i));
                    ps.setString(5, s.workerId());
                });
        if (!updated.isEmpty()) {
            Object changedIds = updated.stream().map(i -> submissions.get(i).workerId()).toArray(String[]::new);
            jdbc.update("delete from credential_certificates where worker_id = any(?)", changedIds);
            jdbc.update("delete from credential_insurance where worker_id = any(?)", changedIds);
        }
        List<Integer> stored = new java.util.ArrayList<>(created);
        stored.addAll(updated);
        List<Object[]> certificates = new java.util.ArrayList<>();
        for (int i : stored) {
            WorkerSubmission s = submissions.get(i);
            java.util.Set<String> numbers = new java.util.HashSet<>();
            for (var c : s.certificates()) {
                if (numbers.add(c.number())) {
                    certificates.add(new Object[] {s.workerId(), c.number(), c.category().name(), c.operationItem(),
                            Date.valueOf(c.issuedOn()), date(c.validUntil()), date(c.reviewDueOn()),
                            date(c.lastWorkedOn())});
                }
            }
        }
        jdbc.batchUpdate("""
                insert into credential_certificates (worker_id, number, category, operation_item, issued_on, valid_until,
                       review_due_on, last_worked_on, verification) values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""",
                certificates);
        jdbc.batchUpdate("insert into credential_insurance (worker_id, status) values (?, 'UNVERIFIED')",
                stored.stream().map(i -> new Object[] {submissions.get(i).workerId()}).toList());
        return results;
    }

    /**
     * Claims up to {@code limit} PENDING workers whose check is due, for {@code lease} (another hub
     * instance skips them meanwhile; a crashed one's claims fall due again when the lease ends).
     */
    List<String> claimDue(int limit, Duration lease) {
        return jdbc.queryForList("""
                update credential_workers set next_check_at = now() + make_interval(secs => ?), attempts = attempts + 1
                 where worker_id in (select worker_id from credential_workers
                                      where status = 'PENDING' and next_check_at <= now()
                                      order by next_check_at limit ? for update skip locked)
                returning worker_id""", String.class, (double) lease.toMillis() / 1000, limit);
    }

    Optional<RegistryWorker> find(String workerId) {
        List<RegistryWorker> found = jdbc.query("""
                select worker_id, contractor_id, name, id_number, submission_hash, status, valid_until, reasons::text,
                       checked_at, attempts, last_error, next_check_at
                  from credential_workers where worker_id = ?""", (rs, i) -> worker(rs), workerId);
        return found.stream().findFirst();
    }

    /** The contractor's own workers, by id, after {@code afterWorkerId} (cursor pagination). */
    List<RegistryWorker> list(String contractorId, String afterWorkerId, int limit) {
        return jdbc.query("""
                select worker_id, contractor_id, name, id_number, submission_hash, status, valid_until, reasons::text,
                       checked_at, attempts, last_error, next_check_at
                  from credential_workers where contractor_id = ? and worker_id > ? order by worker_id limit ?""",
                (rs, i) -> worker(rs), contractorId, afterWorkerId == null ? "" : afterWorkerId, limit);
    }

    /** Stores a certificate's check (the authority's dates replace the submitted ones). */
    void certificateChecked(String workerId, RegistryCertificate c) {
        jdbc.update("""
                update credential_certificates set verification = ?, evidence_id = ?, revoked = ?,
                       issued_on = coalesce(?, issued_on), valid_until = coalesce(?, valid_until),
                       review_due_on = coalesce(?, review_due_on), operation_item = coalesce(?, operation_item)
                 where worker_id = ? and number = ?""",
                c.verification().name(), c.evidenceId(), c.revoked(), date(c.issuedOn()), date(c.validUntil()),
                date(c.reviewDueOn()), c.operationItem(), workerId, c.number());
    }

    void insuranceChecked(String workerId, RegistryInsurance insurance) {
        jdbc.update("""
                update credential_insurance set status = ?, covered_from = ?, covered_until = ?, evidence_id = ?
                 where worker_id = ?""", insurance.status().name(), date(insurance.coveredFrom()),
                date(insurance.coveredUntil()), insurance.evidenceId(), workerId);
    }

    /** The standing after checks (or a re-evaluation); true if it changed. */
    boolean setStanding(String workerId, CredentialEvaluation.Result result, Instant checkedAt) {
        return jdbc.update("""
                update credential_workers set status = ?, valid_until = ?, reasons = ?::jsonb, checked_at = ?,
                       next_check_at = null, last_error = null, updated_at = now()
                 where worker_id = ? and (status <> ? or valid_until is distinct from ? or reasons <> ?::jsonb)""",
                result.status().name(), date(result.validUntil()), json(result.reasons()), Timestamp.from(checkedAt),
                workerId, result.status().name(), date(result.validUntil()), json(result.reasons())) > 0;
    }

    /** A check could not finish (service down): the worker stays PENDING and is tried again at {@code next}. */
    void retryLater(String workerId, String submissionHash, Instant next, String error) {
        jdbc.update("""
                update credential_workers set next_check_at = ?, last_error = ?, updated_at = now()
                 where worker_id = ? and submission_hash = ? and status = 'PENDING'""",
                Timestamp.from(next), error, workerId, submissionHash);
    }

    /** Workers that were checked and might change standing as days pass (for the warning scheduler). */
    List<String> checkedWorkers(String afterWorkerId, int limit) {
        return jdbc.queryForList("""
                select worker_id from credential_workers where status <> 'PENDING' and worker_id > ?
                 order by worker_id limit ?""", String.class, afterWorkerId, limit);
    }

    Optional<String> ownerOf(String workerId) {
        return jdbc.queryForList("select contractor_id from credential_workers where worker_id = ?", String.class,
                workerId).stream().findFirst();
    }

    void putWebhook(String contractorId, String url, String secret) {
        jdbc.update("""
                insert into partner_webhooks (contractor_id, url, secret) values (?, ?, ?)
                on conflict (contractor_id) do update set url = excluded.url, secret = excluded.secret, created_at = now()""",
                contractorId, url, secret);
    }

    Optional<Map<String, Object>> webhook(String contractorId) {
        return jdbc.queryForList("select url, secret from partner_webhooks where contractor_id = ?", contractorId)
                .stream().findFirst();
    }

    /** Evidence of a check, with the SHA-256 that is anchored. */
    void storeEvidence(UUID id, String workerId, String system, String subject, String outcome, String body,
            String sha256, Instant receivedAt) {
        jdbc.update("""
                insert into verification_evidence (id, worker_id, system, subject, outcome, response_body, response_hash,
                       received_at) values (?, ?, ?, ?, ?, ?, ?, ?)""",
                id, workerId, system, subject, outcome, body, sha256, Timestamp.from(receivedAt));
    }

    List<Map<String, Object>> evidence(String workerId) {
        return jdbc.queryForList("""
                select e.id::text as id, e.system, e.subject, e.outcome, e.response_hash, e.received_at,
                       p.batch_id, b.anchored_at
                  from verification_evidence e left join record_proofs p on p.record_id = e.id
                  left join ledger_batches b on b.batch_id = p.batch_id
                 where e.worker_id = ? order by e.received_at desc limit 50""", workerId);
    }

    private RegistryWorker worker(ResultSet rs) throws SQLException {
        String workerId = rs.getString("worker_id");
        List<RegistryCertificate> certificates = jdbc.query("""
                select number, category, operation_item, issued_on, valid_until, review_due_on, revoked, last_worked_on,
                       verification, evidence_id from credential_certificates where worker_id = ? order by number""",
                (c, i) -> new RegistryCertificate(c.getString(1), CertificateCategory.valueOf(c.getString(2)),
                        c.getString(3), localDate(c, 4), localDate(c, 5), localDate(c, 6), c.getBoolean(7),
                        localDate(c, 8), Verification.valueOf(c.getString(9)), c.getObject(10, UUID.class)),
                workerId);
        RegistryInsurance insurance = jdbc.query("""
                select status, covered_from, covered_until, evidence_id from credential_insurance where worker_id = ?""",
                (c, i) -> new RegistryInsurance(InsuranceStatus.valueOf(c.getString(1)), localDate(c, 2),
                        localDate(c, 3), c.getObject(4, UUID.class)), workerId).stream().findFirst().orElse(null);
        Timestamp checked = rs.getTimestamp("checked_at");
        Timestamp next = rs.getTimestamp("next_check_at");
        return new RegistryWorker(workerId, rs.getString("contractor_id"), rs.getString("name"),
                rs.getString("id_number"), rs.getString("submission_hash"),
                CredentialStatus.valueOf(rs.getString("status")), localDate(rs, "valid_until"),
                reasons(rs.getString("reasons")), certificates, insurance,
                checked == null ? null : checked.toInstant(), rs.getInt("attempts"), rs.getString("last_error"),
                next == null ? null : next.toInstant());
    }

    private List<String> reasons(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
