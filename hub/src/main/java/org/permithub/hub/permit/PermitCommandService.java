package org.permithub.hub.permit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.core.permit.Decision;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitAction;
import org.permithub.core.permit.PermitLifecycle;
import org.permithub.core.permit.Violation;
import org.permithub.hub.events.PermitEvents;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.ledger.hash.ActionHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a permit command from any intake (REST, Kafka): checks it with the permit rules, then in
 * ONE transaction stores the action (append-only), the permit's new state, the outbox rows for
 * the event and the ledger, and the idempotent answer. Nothing is sent from here.
 */
@Service
public class PermitCommandService {

    private final PermitStore store;
    private final OutboxWriter outbox;
    private final OutboxRelaySignal relaySignal;
    private final PermitEvents events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final PermitLifecycle lifecycle = new PermitLifecycle();

    public PermitCommandService(PermitStore store, OutboxWriter outbox, OutboxRelaySignal relaySignal,
            PermitEvents events, JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.relaySignal = relaySignal;
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** PostgreSQL keeps microseconds; hashing must see exactly what the row will hold. */
    static Instant storedInstant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Handles one command. With an idempotency key, the first answer is stored with the action and
     * every later call with the same key and the same request gets that answer again.
     *
     * @param source REST, KAFKA or HUB
     */
    public CommandAnswer handle(Caller caller, IntakeCommand command, Optional<String> idempotencyKey, String source) {
        String requestHash = requestHash(command);
        CommandAnswer answer = tx.execute(status -> {
            if (idempotencyKey.isPresent()) {
                Optional<CommandAnswer> earlier = claimKey(caller.subject(), idempotencyKey.get(), requestHash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            CommandAnswer result = decideAndStore(caller, command, source);
            idempotencyKey.ifPresent(key -> jdbc.update(
                    "update idempotency_keys set status = ?, response = ? where caller = ? and key = ?",
                    result.status(), result.body(), caller.subject(), key));
            return result;
        });
        if (answer.accepted()) {
            relaySignal.wake();
        }
        return answer;
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

    private CommandAnswer decideAndStore(Caller caller, IntakeCommand command, String source) {
        HubDecisionContext context = HubDecisionContext.at(clock);
        if (command instanceof IntakeCommand.Apply apply) {
            return applyForPermit(caller, apply, context, source);
        }
        return takeAction(caller, (IntakeCommand.Act) command, context, source);
    }

    private CommandAnswer applyForPermit(Caller caller, IntakeCommand.Apply apply, HubDecisionContext context,
            String source) {
        var application = apply.application();
        if (!caller.actsFor(application.enterpriseCode())) {
            return problem(new ApiProblem(403, "ENTERPRISE_MISMATCH", "Forbidden",
                    "your token does not act for enterprise " + application.enterpriseCode()));
        }
        Decision decision = lifecycle.apply(application, caller.subject(), context);
        if (decision instanceof Decision.Rejected rejected) {
            return rejection(rejected.violations());
        }
        Permit permit = ((Decision.Accepted) decision).permit();
        String division = store.registeredDivision(application.enterpriseCode())
                .orElseGet(() -> CreditCode.divisionOf(application.enterpriseCode()).orElse(""));
        if (!store.insert(permit, division)) {
            return problem(new ApiProblem(409, "PERMIT_ALREADY_EXISTS", "Conflict",
                    "permit " + application.permitNo() + " already exists"));
        }
        JsonNode data = mapper.valueToTree(application);
        return record(permit, caller, context, source, data, 201);
    }

    private CommandAnswer takeAction(Caller caller, IntakeCommand.Act act, HubDecisionContext context, String source) {
        var stored = store.lockForUpdate(act.permitNo())
                .filter(found -> caller.actsFor(found.permit().application().enterpriseCode()));
        if (stored.isEmpty()) {
            // a permit of another enterprise answers exactly like a missing one
            return problem(ApiProblem.notFound("PERMIT_NOT_FOUND", "no permit " + act.permitNo()));
        }
        var action = new PermitAction(act.type(), act.data(), caller.subject(), context.now());
        Decision decision = lifecycle.decide(stored.get().permit(), action, context);
        if (decision instanceof Decision.Rejected rejected) {
            return rejection(rejected.violations());
        }
        Permit after = ((Decision.Accepted) decision).permit();
        store.update(after);
        return record(after, caller, context, source, mapper.valueToTree(act.data()), 200);
    }

    private CommandAnswer record(Permit after, Caller caller, HubDecisionContext context, String source,
            JsonNode data, int status) {
        ActionRecord action = ActionRecord.create(mapper, UUID.randomUUID(), after.permitNo(), after.version(),
                after.lastAction(), caller.subject(), context.now(), source, data);
        store.appendAction(action);
        outbox.add(OutboxWriter.EVENTS, action.permitNo(), action.id(), events.toCloudEventJson(action, after));
        outbox.add(OutboxWriter.LEDGER, action.permitNo(), action.id(), ledgerEntry(action));
        ObjectNode body = mapper.createObjectNode();
        body.put("permitNo", after.permitNo());
        body.put("actionId", action.id().toString());
        body.put("action", action.type().name());
        body.put("state", after.state().name());
        body.put("version", action.version());
        body.put("occurredAt", action.occurredAt().toString());
        body.put("hash", action.hash());
        return new CommandAnswer(status, body.toString());
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
