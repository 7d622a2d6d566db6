package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.permithub.connectors.ConnectorUnavailableException;
import org.permithub.connectors.IdNumbers;
import org.permithub.connectors.certificate.CategoryNames;
import org.permithub.connectors.certificate.CertificateAnswer;
import org.permithub.connectors.certificate.CertificateVerificationApi;
import org.permithub.connectors.insurance.InsuranceAnswer;
import org.permithub.connectors.insurance.SocialInsuranceApi;
import org.permithub.core.credential.CertificateRegime;
import org.permithub.core.credential.InsuranceStatus;
import org.permithub.hub.credential.RegistryWorker.RegistryCertificate;
import org.permithub.hub.credential.RegistryWorker.RegistryInsurance;
import org.permithub.hub.credential.RegistryWorker.Verification;
import org.permithub.hub.credential.VerificationServices.Checked;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.hub.outbox.PollingWorker;
import org.permithub.hub.site.ReferenceDataStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checking stage of the credential sync pipeline. It claims PENDING workers whose check is due,
 * asks the certificate service about each certificate and the social-insurance service about the
 * person (on {@code check-threads} threads; the Kamelets' bulkhead limits the calls per
 * service), and stores in ONE transaction: the authority's answers, each answer's evidence (its
 * SHA-256 anchored like an action), the new standing, a {@code credential.events} CloudEvent and the
 * contractor's webhook delivery. A service that does not answer leaves the worker PENDING with a
 * later {@code next_check_at} (the service's Retry-After, or exponential backoff with jitter): the
 * work is retried, never dropped. Claims are leases, so a crashed instance's work falls due again.
 */
@Component
public class CredentialChecker extends PollingWorker {

    static final String EVIDENCE_KIND = "credential-verification";

    private final CredentialRegistry registry;
    private final VerificationServices services;
    private final CredentialEvents events;
    private final OutboxWriter outbox;
    private final OutboxRelaySignal signal;
    private final ReferenceDataStore reference;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final int warningDays;
    private final int batchSize;
    private final Duration lease;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final ExecutorService pool;

    CredentialChecker(CredentialRegistry registry, VerificationServices services, CredentialEvents events,
            OutboxWriter outbox, OutboxRelaySignal signal, ReferenceDataStore reference, TransactionTemplate tx,
            JdbcTemplate jdbc, Clock clock,
            @Value("${permit-hub.credentials.poll-interval:1s}") Duration pollInterval,
            @Value("${permit-hub.credentials.zone:Asia/Shanghai}") ZoneId zone,
            @Value("${permit-hub.credentials.warning-days:30}") int warningDays,
            @Value("${permit-hub.credentials.check-threads:20}") int threads,
            @Value("${permit-hub.credentials.claim-lease:2m}") Duration lease,
            @Value("${permit-hub.credentials.retry.initial:5s}") Duration retryInitial,
            @Value("${permit-hub.credentials.retry.max:10m}") Duration retryMax) {
        super("credential-checker", signal, pollInterval);
        this.registry = registry;
        this.services = services;
        this.events = events;
        this.outbox = outbox;
        this.signal = signal;
        this.reference = reference;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
        this.warningDays = warningDays;
        this.batchSize = threads * 10;
        this.lease = lease;
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "credential-check");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected boolean pollOnce() throws Exception {
        List<String> due = tx.execute(status -> registry.claimDue(batchSize, lease));
        if (due == null || due.isEmpty()) {
            return false;
        }
        List<Future<?>> running = new ArrayList<>(due.size());
        for (String workerId : due) {
            running.add(pool.submit(() -> check(workerId)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // one worker's unexpected failure must not stop the others; its lease makes it due again
                log.warn("credential check failed: {}", e.getCause().toString());
            }
        }
        return due.size() >= batchSize;
    }

    @Override
    protected void close() {
        pool.shutdownNow();
    }

    /** Checks one worker now (the pipeline calls this on its threads; tests may call it directly). */
    void check(String workerId) {
        RegistryWorker worker = registry.find(workerId).orElse(null);
        if (worker == null || worker.status() != CredentialStatus.PENDING) {
            return;
        }
        List<RegistryCertificate> checked = new ArrayList<>();
        List<Checked<?>> evidence = new ArrayList<>();
        List<String> evidenceSystems = new ArrayList<>();
        List<String> evidenceSubjects = new ArrayList<>();
        List<String> evidenceOutcomes = new ArrayList<>();
        RegistryInsurance insurance;
        try {
            for (RegistryCertificate c : worker.certificates()) {
                boolean order30 = c.category().regime() == CertificateRegime.SPECIAL_WORK_ORDER_30;
                if (order30 && !c.number().equals(IdNumbers.certificateNumberOf(worker.idNumber()))) {
                    // a 特种作业操作证 number is "T" + the holder's ID number (domain-rules.md §5)
                    checked.add(withVerification(c, Verification.MISMATCH, null));
                    continue;
                }
                Checked<CertificateAnswer> answer = services.certificate(c.number(), worker.name(), c.category());
                CertificateAnswer a = answer.answer();
                Verification verification = !a.found() ? Verification.NOT_FOUND
                        : matches(worker, c, a) ? Verification.AUTHENTIC : Verification.MISMATCH;
                checked.add(verification == Verification.AUTHENTIC
                        ? new RegistryCertificate(c.number(), c.category(),
                                a.operationItem() != null ? a.operationItem() : c.operationItem(),
                                a.issuedOn() != null ? a.issuedOn() : c.issuedOn(), a.validUntil(),
                                a.reviewDueOn(), a.revoked(), c.lastWorkedOn(), verification, answer.evidenceId())
                        : withVerification(c, verification, answer.evidenceId()));
                evidence.add(answer);
                evidenceSystems.add(CertificateVerificationApi.SYSTEM);
                evidenceSubjects.add(c.masked());
                evidenceOutcomes.add(verification.name() + (a.revoked() ? " REVOKED" : ""));
            }
            Checked<InsuranceAnswer> cover = services.insurance(worker.idNumber(), worker.name());
            InsuranceAnswer a = cover.answer();
            insurance = new RegistryInsurance(a.insured() ? InsuranceStatus.INSURED : InsuranceStatus.NOT_INSURED,
                    a.coveredFrom(), a.coveredUntil(), cover.evidenceId());
            evidence.add(cover);
            evidenceSystems.add(SocialInsuranceApi.SYSTEM);
            evidenceSubjects.add(IdNumbers.mask(worker.idNumber()));
            evidenceOutcomes.add(insurance.status().name());
        } catch (ConnectorUnavailableException e) {
            Instant next = clock.instant().plus(e.retryAfter().orElseGet(() -> backoff(worker.attempts())));
            registry.retryLater(workerId, worker.submissionHash(), next, e.getMessage());
            return;
        }
        RegistryWorker after = new RegistryWorker(worker.workerId(), worker.contractorId(), worker.name(),
                worker.idNumber(), worker.submissionHash(), worker.status(), null, List.of(), checked, insurance,
                null, worker.attempts(), null, null);
        CredentialEvaluation.Result result = CredentialEvaluation.evaluate(after, today(), warningDays);
        Boolean stored = tx.execute(status -> {
            String hash = jdbc.queryForList("select submission_hash from credential_workers where worker_id = ? for update",
                    String.class, workerId).stream().findFirst().orElse(null);
            if (!worker.submissionHash().equals(hash)) {
                return false; // resubmitted meanwhile: the new submission gets its own check
            }
            for (int i = 0; i < evidence.size(); i++) {
                Checked<?> e = evidence.get(i);
                int inserted = jdbc.update("""
                        insert into verification_evidence (id, worker_id, system, subject, outcome, response_body,
                               response_hash, received_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                        e.evidenceId(), workerId, evidenceSystems.get(i), evidenceSubjects.get(i),
                        evidenceOutcomes.get(i), e.body(), e.sha256(), java.sql.Timestamp.from(e.receivedAt()));
                if (inserted > 0) {
                    outbox.ledgerRecord(EVIDENCE_KIND, e.evidenceId(), e.sha256());
                }
            }
            checked.forEach(c -> registry.certificateChecked(workerId, c));
            registry.insuranceChecked(workerId, insurance);
            registry.setStanding(workerId, result, clock.instant());
            publish(worker.workerId(), worker.contractorId(), result);
            return true;
        });
        if (Boolean.TRUE.equals(stored)) {
            reference.invalidateCache();
            signal.wake();
        }
    }

    /** Inside a transaction: the standing on {@code credential.events} and to the contractor's webhook. */
    void publish(String workerId, String contractorId, CredentialEvaluation.Result result) {
        ObjectNode data = events.data(workerId, contractorId, result.status(), result.validUntil(), result.reasons());
        UUID eventId = UUID.randomUUID();
        Instant now = clock.instant();
        outbox.add(OutboxWriter.CREDENTIAL_EVENTS, workerId, eventId, events.toCloudEventJson(eventId, data, now));
        if (registry.webhook(contractorId).isPresent()) {
            ObjectNode delivery = data.deepCopy();
            delivery.put("eventId", eventId.toString());
            delivery.put("checkedAt", now.toString());
            outbox.add(OutboxWriter.PARTNER_WEBHOOKS, contractorId, eventId, delivery.toString());
        }
    }

    LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** 5 s, 10 s, 20 s … up to 10 min, each ±25 % so that many workers do not retry in step. */
    private Duration backoff(int attempts) {
        long base = retryInitial.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(base, retryMax.toMillis());
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis((long) (capped * jitter));
    }

    private static boolean matches(RegistryWorker worker, RegistryCertificate c, CertificateAnswer a) {
        boolean holder = a.holderName() == null || a.holderName().equals(worker.name());
        boolean number = a.number() == null || a.number().toUpperCase(Locale.ROOT).equals(c.number());
        boolean category = a.category() == null || CategoryNames.parse(a.category()).map(c.category()::equals).orElse(false);
        return holder && number && category;
    }

    private static RegistryCertificate withVerification(RegistryCertificate c, Verification v, UUID evidenceId) {
        return new RegistryCertificate(c.number(), c.category(), c.operationItem(), c.issuedOn(), c.validUntil(),
                c.reviewDueOn(), c.revoked(), c.lastWorkedOn(), v, evidenceId);
    }
}
