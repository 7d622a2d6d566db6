package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.permithub.api.problem.ApiProblem;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.permithub.hub.site.ReferenceDataStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The entry of the credential sync pipeline ({@code direct:credential-intake}, the partner API, the
 * contractor pull and CSV drop): stores a worker submission in the registry as PENDING, announces
 * it on {@code credential.events} through the outbox, and wakes the {@link CredentialChecker}. An
 * unchanged repeat changes nothing, so every bulk upsert and every re-pull is idempotent.
 */
@Component("credentialIntake")
public class CredentialIntake {

    /** The result of one submission. */
    public record Result(String workerId, CredentialRegistry.Upsert outcome, CredentialStatus status) {}

    private final CredentialRegistry registry;
    private final CredentialEvents events;
    private final OutboxWriter outbox;
    private final OutboxRelaySignal signal;
    private final ReferenceDataStore reference;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final Clock clock;

    CredentialIntake(CredentialRegistry registry, CredentialEvents events, OutboxWriter outbox,
            OutboxRelaySignal signal, ReferenceDataStore reference, TransactionTemplate tx, ObjectMapper mapper,
            Clock clock) {
        this.registry = registry;
        this.events = events;
        this.outbox = outbox;
        this.signal = signal;
        this.reference = reference;
        this.tx = tx;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** {@code direct:credential-intake}: one submission as JSON text; answers {@code {workerId, outcome, status}}. */
    public String accept(String json) throws Exception {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (Exception e) {
            throw ApiProblem.invalidField("body", "is not JSON");
        }
        Result result = accept(WorkerSubmission.parse(node));
        ObjectNode answer = mapper.createObjectNode();
        answer.put("workerId", result.workerId());
        answer.put("outcome", result.outcome().name());
        answer.put("status", result.status() == null ? null : result.status().name());
        return answer.toString();
    }

    Result accept(WorkerSubmission submission) {
        return acceptAll(List.of(submission)).get(0);
    }

    /** Several submissions in one transaction (a bulk chunk). */
    List<Result> acceptAll(List<WorkerSubmission> submissions) {
        List<String> jsons = new ArrayList<>(submissions.size());
        List<String> hashes = new ArrayList<>(submissions.size());
        for (WorkerSubmission s : submissions) {
            var json = s.toJson(mapper).toString();
            jsons.add(json);
            hashes.add(org.permithub.ledger.hash.ActionHash.ofJson(json));
        }
        List<Result> results = tx.execute(status -> {
            var upserts = registry.upsertAll(submissions, hashes, jsons);
            List<Result> done = new ArrayList<>(submissions.size());
            List<OutboxWriter.Entry> announced = new ArrayList<>();
            for (int i = 0; i < submissions.size(); i++) {
                WorkerSubmission s = submissions.get(i);
                var upsert = upserts.get(i);
                if (upsert.outcome() == CredentialRegistry.Upsert.CREATED
                        || upsert.outcome() == CredentialRegistry.Upsert.UPDATED) {
                    UUID eventId = UUID.randomUUID();
                    announced.add(new OutboxWriter.Entry(s.workerId(), eventId, events.toCloudEventJson(eventId,
                            events.data(s.workerId(), s.contractorId(), CredentialStatus.PENDING, null, List.of()),
                            clock.instant())));
                }
                done.add(new Result(s.workerId(), upsert.outcome(), upsert.status()));
            }
            outbox.addAll(OutboxWriter.CREDENTIAL_EVENTS, announced);
            return done;
        });
        if (results.stream().anyMatch(r -> r.outcome() == CredentialRegistry.Upsert.CREATED
                || r.outcome() == CredentialRegistry.Upsert.UPDATED)) {
            // a changed worker is unverified until checked again: START must not read the old answer
            reference.invalidateCache();
            signal.wake();
        }
        return results;
    }
}
