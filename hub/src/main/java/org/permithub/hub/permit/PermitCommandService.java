package org.permithub.hub.permit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;
import org.permithub.core.access.Role;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Decision;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitAction;
import org.permithub.core.permit.PermitLifecycle;
import org.permithub.core.permit.Violation;
import org.permithub.connectors.govplatform.ParkPlatformMapper;
import org.permithub.hub.events.PermitEvents;
import org.permithub.hub.govplatform.GovPlatformOutbox;
import org.permithub.hub.mes.IsolationStore;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.hub.site.ReferenceDataStore;
import org.permithub.hub.site.SiteOperations;
import org.permithub.ledger.hash.ActionHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a permit command from any intake (REST, Kafka, the hub's own scheduler): checks it with
 * the GB 30871 rules, then in ONE transaction stores the action (append-only), the permit's new
 * state, the outbox rows (event, ledger hash, alerts) and the idempotent answer. Nothing is sent
 * from here.
 */
@Service
public class PermitCommandService {

    /** The hub itself, for actions it takes on its own (EXPIRE). */
    public static final Caller SYSTEM = new Caller(PermitLifecycle.SYSTEM_ACTOR, Role.ADMIN, Set.of(), null, null, null);

    /** Actions whose SIMOPS check must see every permit committed before them on the site. */
    private static final Set<ActionType> SIMOPS_CHECKED = EnumSet.of(ActionType.APPLY, ActionType.START, ActionType.RESUME);

    private final PermitStore store;
    private final ReferenceDataStore reference;
    private final SiteOperations operations;
    private final OutboxWriter outbox;
    private final OutboxRelaySignal relaySignal;
    private final PermitEvents events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final GovPlatformOutbox govPlatform;
    private final IsolationStore isolation;
    private final PermitLifecycle lifecycle = new PermitLifecycle();

    public PermitCommandService(PermitStore store, ReferenceDataStore reference, SiteOperations operations,
            OutboxWriter outbox, OutboxRelaySignal relaySignal, PermitEvents events, JdbcTemplate jdbc,
            TransactionTemplate tx, ObjectMapper mapper, Clock clock, GovPlatformOutbox govPlatform,
            IsolationStore isolation) {
        this.store = store;
        this.reference = reference;
        this.operations = operations;
        this.outbox = outbox;
        this.relaySignal = relaySignal;
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.clock = clock;
        this.govPlatform = govPlatform;
        this.isolation = isolation;
    }

    /** PostgreSQL keeps microseconds; hashing must see exactly what the row will hold. */
    static Instant storedInstant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** What one transaction produced: the answer, and the permit's committed state when accepted. */
    private record Outcome(CommandAnswer answer, Permit committed) {
        static Outcome answer(CommandAnswer answer) {
            return new Outcome(answer, null);
        }
    }

    /**
     * Handles one command. With an idempotency key, the first answer is stored with the action and
     * every later call with the same key and the same request gets that answer again.
     *
     * @param source REST, KAFKA or HUB
     */
    public CommandAnswer handle(Caller caller, IntakeCommand command, Optional<String> idempotencyKey, String source) {
        String requestHash = requestHash(command);
        Optional<String> site = command instanceof IntakeCommand.Apply apply
                ? Optional.ofNullable(apply.application().siteId()) : store.siteOf(command.permitNo());
        ReentrantLock checkLock = site.isPresent() && SIMOPS_CHECKED.contains(command.type())
                ? operations.checkLock(site.get()) : null;
        Outcome outcome = tx.execute(status -> {
            if (idempotencyKey.isPresent()) {
                Optional<CommandAnswer> earlier = claimKey(caller.subject(), idempotencyKey.get(), requestHash);
                if (earlier.isPresent()) {
                    return Outcome.answer(earlier.get());
                }
            }
            Outcome result = decideAndStore(caller, command, source, checkLock);
            idempotencyKey.ifPresent(key -> jdbc.update(
                    "update idempotency_keys set status = ?, response = ? where caller = ? and key = ?",
                    result.answer().status(), result.answer().body(), caller.subject(), key));
            return result;
        });
        return afterCommit(outcome);
    }

    /**
     * A SIMOPS-checked action decides under its site's check lock and puts its result in the site's
     * index before the lock is released, so the next check sees it even before this transaction
     * commits. Only the decision runs under the lock (no database round trip, no disk flush), so
     * concurrent actions still store and commit in parallel. Should the commit fail, the index is
     * set back from the database.
     */
    private Decision decideUnderCheckLock(ReentrantLock checkLock, Supplier<Decision> decision) {
        checkLock.lock();
        try {
            Decision decided = decision.get();
            if (decided instanceof Decision.Accepted accepted) {
                Permit reserved = accepted.permit();
                operations.track(reserved);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) {
                            operations.resync(reserved.application().siteId(), reserved.permitNo());
                        }
                    }
                });
            }
            return decided;
        } finally {
            checkLock.unlock();
        }
    }

    /**
     * Expires one permit whose validity has ended (GB 30871-2022 §4.16): an EXPIRE action by the
     * hub itself, stored, published and anchored like any other. Nothing happens when the permit is
     * no longer due.
     */
    public Optional<CommandAnswer> expireIfDue(String permitNo) {
        Outcome outcome = tx.execute(status -> {
            var stored = store.lockForUpdate(permitNo);
            if (stored.isEmpty()) {
                return null;
            }
            Instant now = storedInstant(clock.instant());
            var expiry = lifecycle.expiryAction(stored.get().permit(), now);
            if (expiry.isEmpty()) {
                return null;
            }
            return decide(SYSTEM, stored.get().permit(), expiry.get(), context(now), "HUB", null);
        });
        return outcome == null ? Optional.empty() : Optional.of(afterCommit(outcome));
    }

    private CommandAnswer afterCommit(Outcome outcome) {
        if (outcome.committed() != null) {
            operations.track(outcome.committed());
            relaySignal.wake();
        }
        return outcome.answer();
    }

    /**
     * Claims the key with a placeholder row. A concurrent request with the same key blocks on that
     * row until the first commits, then reads its answer.
     */
    private Optional<CommandAnswer> claimKey(String caller, String key, String requestHash) {
        int claimed = jdbc.update("""
                insert into idempotency_keys (caller, key, request_hash, status, response)
                values (?, ?, ?, 0, '') on conflict (caller, key) do nothing""", caller, key, requestHash);
        if (claimed == 1) {
            return Optional.empty();
        }
        var stored = jdbc.queryForMap(
                "select request_hash, status, response from idempotency_keys where caller = ? and key = ?", caller, key);
        if (!requestHash.equals(stored.get("request_hash"))) {
            return Optional.of(problem(new ApiProblem(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                    "this Idempotency-Key was already used for a different request")));
        }
        return Optional.of(new CommandAnswer((Integer) stored.get("status"), (String) stored.get("response")));
    }

    private HubDecisionContext context(Instant now) {
        return new HubDecisionContext(now, reference, store, operations, isolation);
    }

    /** @param checkLock the site's SIMOPS check lock for APPLY, START and RESUME; null for other actions */
    private Outcome decideAndStore(Caller caller, IntakeCommand command, String source, ReentrantLock checkLock) {
        HubDecisionContext context = context(storedInstant(clock.instant()));
        if (command instanceof IntakeCommand.Apply apply) {
            return applyForPermit(caller, apply, context, source, checkLock);
        }
        IntakeCommand.Act act = (IntakeCommand.Act) command;
        var stored = store.lockForUpdate(act.permitNo())
                .filter(found -> caller.actsFor(found.permit().application().enterpriseCode()));
        if (stored.isEmpty()) {
            // a permit of another enterprise answers exactly like a missing one
            return Outcome.answer(problem(ApiProblem.notFound("PERMIT_NOT_FOUND", "no permit " + act.permitNo())));
        }
        var action = new PermitAction(act.type(), act.data(), caller.subject(), context.now());
        return decide(caller, stored.get().permit(), action, context, source, checkLock);
    }

    private Outcome applyForPermit(Caller caller, IntakeCommand.Apply apply, HubDecisionContext context,
            String source, ReentrantLock checkLock) {
        var application = apply.application();
        if (!caller.actsFor(application.enterpriseCode())) {
            return Outcome.answer(problem(new ApiProblem(403, "ENTERPRISE_MISMATCH", "Forbidden",
                    "your token does not act for enterprise " + application.enterpriseCode())));
        }
        Decision decision = guarded(checkLock, () -> operations.reading(application.siteId(),
                () -> lifecycle.apply(application, caller.subject(), context)));
        if (decision instanceof Decision.Rejected rejected) {
            return Outcome.answer(rejection(rejected.violations()));
        }
        var accepted = (Decision.Accepted) decision;
        String division = store.registeredDivision(application.enterpriseCode())
                .orElseGet(() -> CreditCode.divisionOf(application.enterpriseCode()).orElse(""));
        if (!store.insert(accepted.permit(), division)) {
            return Outcome.answer(problem(new ApiProblem(409, "PERMIT_ALREADY_EXISTS", "Conflict",
                    "permit " + application.permitNo() + " already exists")));
        }
        return record(accepted, caller, context.now(), source, mapper.valueToTree(application), 201);
    }

    private Outcome decide(Caller caller, Permit permit, PermitAction action, HubDecisionContext context,
            String source, ReentrantLock checkLock) {
        Decision decision = guarded(checkLock, () -> operations.reading(permit.application().siteId(),
                () -> lifecycle.decide(permit, action, context)));
        if (decision instanceof Decision.Rejected rejected) {
            return Outcome.answer(rejection(rejected.violations()));
        }
        var accepted = (Decision.Accepted) decision;
        store.update(accepted.permit());
        return record(accepted, caller, context.now(), source, mapper.valueToTree(action.data()), 200);
    }

    private Decision guarded(ReentrantLock checkLock, Supplier<Decision> decision) {
        return checkLock == null ? decision.get() : decideUnderCheckLock(checkLock, decision);
    }

    private Outcome record(Decision.Accepted accepted, Caller caller, Instant now, String source, JsonNode data,
            int status) {
        Permit after = accepted.permit();
        ActionRecord action = ActionRecord.create(mapper, UUID.randomUUID(), after.permitNo(), after.version(),
                after.lastAction(), caller.subject(), now, source, data);
        store.appendAction(action);
        outbox.add(OutboxWriter.EVENTS, action.permitNo(), action.id(), events.toCloudEventJson(action, after));
        outbox.add(OutboxWriter.LEDGER, action.permitNo(), action.id(), ledgerEntry(action));
        // the supervision platform's copy, in the same transaction (issue 5: nothing lost, in order)
        govPlatform.enqueueAction(action.id(), after, new ParkPlatformMapper.Action(action.id(), action.type(),
                action.version(), action.actor(), action.occurredAt(), action.data()));
        List<AlertSummary> alerts = AlertSummary.of(accepted.warnings());
        for (AlertSummary alert : alerts) {
            outbox.add(OutboxWriter.ALERTS, action.permitNo(), UUID.randomUUID(), events.toAlertJson(action, after, alert));
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("permitNo", after.permitNo());
        body.put("actionId", action.id().toString());
        body.put("action", action.type().name());
        body.put("state", after.state().name());
        body.put("version", action.version());
        body.put("occurredAt", action.occurredAt().toString());
        body.put("hash", action.hash());
        if (after.effectiveGrade() != null) {
            body.put("effectiveGrade", after.effectiveGrade().name());
        }
        if (after.validUntil() != null) {
            body.put("validUntil", after.validUntil().toString());
        }
        if (!after.missingApprovals().isEmpty()) {
            // who still has to sign (GB 30871-2022 Table B.1, raised grades included)
            body.set("missingApprovals", mapper.valueToTree(after.missingApprovals()));
        }
        if (!alerts.isEmpty()) {
            body.set("warnings", mapper.valueToTree(alerts));
        }
        return new Outcome(new CommandAnswer(status, body.toString()), after);
    }

    private String ledgerEntry(ActionRecord action) {
        ObjectNode entry = mapper.createObjectNode();
        entry.put("actionId", action.id().toString());
        entry.put("permitNo", action.permitNo());
        entry.put("version", action.version());
        entry.put("hash", action.hash());
        return entry.toString();
    }

    private CommandAnswer rejection(List<Violation> violations) {
        Violation first = violations.get(0);
        int status = switch (first.code()) {
            case "ACTION_NOT_ALLOWED_IN_STATE", "PERMIT_ALREADY_EXISTS" -> 409;
            default -> 422;
        };
        String detail = first.detail() + (first.clause() == null ? "" : " (" + first.clause() + ")");
        return problem(new ApiProblem(status, first.code(), "Action refused", detail,
                Map.of("violations", violations)));
    }

    private CommandAnswer problem(ApiProblem problem) {
        try {
            return new CommandAnswer(problem.status(), mapper.writeValueAsString(problem.toBody(null)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String requestHash(IntakeCommand command) {
        ObjectNode request = mapper.createObjectNode();
        request.put("type", command.type().name());
        request.put("permitNo", command.permitNo());
        request.set("payload", command instanceof IntakeCommand.Apply apply
                ? mapper.valueToTree(apply.application())
                : mapper.valueToTree(((IntakeCommand.Act) command).data()));
        return ActionHash.ofJson(request.toString());
    }
}
