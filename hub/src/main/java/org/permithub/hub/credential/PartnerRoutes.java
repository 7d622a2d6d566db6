package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.AuditAttribute;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.connectors.IdNumbers;
import org.permithub.core.access.Caller;
import org.permithub.hub.permit.IntakeParser;
import org.springframework.stereotype.Component;

/**
 * Binds {@code openapi/partner.yaml} (contract first, {@code /partner/v1}): contractors upsert their
 * workers and read how the checks judged them. Every operation acts for the token's
 * {@code contractor} claim only; another contractor's worker answers 404 like a missing one. ID and
 * certificate numbers are masked in every answer. Each operation reports the workers it named, read
 * or changed to the audit log ({@link AuditAttribute}).
 */
@Component
class PartnerRoutes extends RouteBuilder {

    static final int MAX_BULK = 10_000;
    private static final int CHUNK = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CredentialIntake intake;
    private final CredentialRegistry registry;
    private final IntakeParser parser;
    private final ObjectMapper mapper;

    PartnerRoutes(CredentialIntake intake, CredentialRegistry registry, IntakeParser parser, ObjectMapper mapper) {
        this.intake = intake;
        this.registry = registry;
        this.parser = parser;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        rest().openApi().specification("openapi/partner.yaml").missingOperation("fail");

        from("direct:upsertWorker").routeId("upsertWorker").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::upsertWorker);
        from("direct:bulkUpsertWorkers").routeId("bulkUpsertWorkers").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::bulkUpsertWorkers);
        from("direct:listWorkers").routeId("listWorkers").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listWorkers);
        from("direct:getWorker").routeId("getWorker").routeConfigurationId(ApiErrorHandling.ID)
                .process(e -> JsonResponses.write(e, mapper, 200, view(ownWorker(e))));
        from("direct:getWorkerVerification").routeId("getWorkerVerification").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::getWorkerVerification);
        from("direct:registerWebhook").routeId("registerWebhook").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::registerWebhook);
    }

    /** The token's contractor; a token without one may not use this API. */
    private static String contractor(Exchange exchange) {
        Caller caller = CallerAttribute.require(exchange);
        if (caller.contractorId() == null || caller.contractorId().isBlank()) {
            throw new ApiProblem(403, "FORBIDDEN", "Forbidden", "your token names no contractor");
        }
        return caller.contractorId();
    }

    private void upsertWorker(Exchange exchange) throws Exception {
        String contractorId = contractor(exchange);
        String workerId = exchange.getIn().getHeader("workerId", String.class);
        AuditAttribute.recordIds(exchange, List.of(workerId));
        JsonNode body = parser.readJson(exchange.getIn().getBody(String.class));
        WorkerSubmission submission = WorkerSubmission.parse(own(body, contractorId, workerId));
        CredentialIntake.Result result = intake.accept(submission);
        if (result.outcome() == CredentialRegistry.Upsert.FOREIGN) {
            throw notFound(workerId);
        }
        AuditAttribute.recordCount(exchange, 1);
        JsonResponses.write(exchange, mapper, 202, Map.of("workerId", workerId, "outcome", result.outcome().name(),
                "status", result.status().name()));
    }

    private void bulkUpsertWorkers(Exchange exchange) throws Exception {
        String contractorId = contractor(exchange);
        JsonNode body = parser.readJson(exchange.getIn().getBody(String.class));
        JsonNode workers = body.path("workers");
        if (!workers.isArray()) {
            throw ApiProblem.invalidField("workers", "must be an array");
        }
        if (workers.size() > MAX_BULK) {
            throw ApiProblem.invalidField("workers", "at most " + MAX_BULK + " per request, got " + workers.size());
        }
        List<String> named = new ArrayList<>(workers.size());
        workers.forEach(item -> {
            if (!item.path("workerId").asText("").isBlank()) {
                named.add(item.path("workerId").asText());
            }
        });
        AuditAttribute.recordIds(exchange, named);
        ObjectNode answer = mapper.createObjectNode();
        answer.put("received", workers.size());
        ArrayNode results = answer.putArray("results");
        List<ObjectNode> slots = new ArrayList<>(workers.size());
        List<WorkerSubmission> chunk = new ArrayList<>(CHUNK);
        List<ObjectNode> chunkSlots = new ArrayList<>(CHUNK);
        for (int i = 0; i < workers.size(); i++) {
            JsonNode item = workers.get(i);
            ObjectNode slot = results.addObject();
            slot.put("index", i);
            String workerId = item.path("workerId").asText(null);
            slot.put("workerId", workerId);
            slots.add(slot);
            try {
                if (workerId == null || workerId.isBlank()) {
                    throw ApiProblem.invalidField("workers[" + i + "].workerId", "is required");
                }
                chunk.add(WorkerSubmission.parse(own(item, contractorId, workerId)));
                chunkSlots.add(slot);
            } catch (ApiProblem problem) {
                rejected(slot, problem, "workers[" + i + "].");
            }
            if (chunk.size() == CHUNK) {
                flush(chunk, chunkSlots);
            }
        }
        flush(chunk, chunkSlots);
        int stored = 0;
        for (JsonNode result : results) {
            stored += "REJECTED".equals(result.path("outcome").asText()) ? 0 : 1;
        }
        AuditAttribute.recordCount(exchange, stored);
        JsonResponses.write(exchange, mapper, 200, answer);
    }

    private void flush(List<WorkerSubmission> chunk, List<ObjectNode> chunkSlots) {
        if (chunk.isEmpty()) {
            return;
        }
        List<CredentialIntake.Result> done = intake.acceptAll(chunk);
        for (int i = 0; i < done.size(); i++) {
            CredentialIntake.Result r = done.get(i);
            ObjectNode slot = chunkSlots.get(i);
            if (r.outcome() == CredentialRegistry.Upsert.FOREIGN) {
                rejected(slot, notFound(r.workerId()), "");
            } else {
                slot.put("outcome", r.outcome().name());
                slot.put("status", r.status().name());
            }
        }
        chunk.clear();
        chunkSlots.clear();
    }

    private void rejected(ObjectNode slot, ApiProblem problem, String fieldPrefix) {
        slot.put("outcome", "REJECTED");
        ObjectNode p = slot.putObject("problem");
        p.put("status", problem.status());
        p.put("code", problem.code());
        Object errors = problem.extensions().get("errors");
        if (errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> error) {
            String field = String.valueOf(error.get("field"));
            String named = field.startsWith(fieldPrefix) ? field : fieldPrefix + field;
            p.put("field", named);
            p.put("detail", named + ": " + error.get("message"));
        } else {
            p.put("detail", problem.getMessage());
        }
    }

    private void listWorkers(Exchange exchange) throws Exception {
        String contractorId = contractor(exchange);
        String after = exchange.getIn().getHeader("after", String.class);
        Integer limit = exchange.getIn().getHeader("limit", Integer.class);
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 500) {
            throw ApiProblem.invalidField("limit", "must be 1..500");
        }
        List<RegistryWorker> page = registry.list(contractorId, after, size);
        ObjectNode answer = mapper.createObjectNode();
        ArrayNode items = answer.putArray("items");
        page.forEach(w -> items.add(view(w)));
        answer.put("next", page.size() == size ? page.get(page.size() - 1).workerId() : null);
        AuditAttribute.recordIds(exchange, page.stream().map(RegistryWorker::workerId).toList());
        AuditAttribute.recordCount(exchange, page.size());
        JsonResponses.write(exchange, mapper, 200, answer);
    }

    private void getWorkerVerification(Exchange exchange) throws Exception {
        RegistryWorker w = ownWorker(exchange);
        ObjectNode answer = mapper.createObjectNode();
        answer.put("workerId", w.workerId());
        answer.put("status", w.status().name());
        answer.put("validUntil", w.validUntil() == null ? null : w.validUntil().toString());
        answer.set("reasons", mapper.valueToTree(w.reasons()));
        answer.put("checkedAt", w.checkedAt() == null ? null : w.checkedAt().toString());
        answer.put("attempts", w.attempts());
        answer.put("nextCheckAt", w.status() == CredentialStatus.PENDING && w.nextCheckAt() != null
                ? w.nextCheckAt().toString() : null);
        answer.put("lastError", w.lastError());
        ArrayNode evidence = answer.putArray("evidence");
        for (Map<String, Object> e : registry.evidence(w.workerId())) {
            ObjectNode item = evidence.addObject();
            item.put("id", (String) e.get("id"));
            item.put("system", (String) e.get("system"));
            item.put("subject", (String) e.get("subject"));
            item.put("outcome", (String) e.get("outcome"));
            item.put("responseHash", (String) e.get("response_hash"));
            item.put("receivedAt", instant(e.get("received_at")));
            item.put("batchId", (String) e.get("batch_id"));
            item.put("anchoredAt", instant(e.get("anchored_at")));
        }
        JsonResponses.write(exchange, mapper, 200, answer);
    }

    private void registerWebhook(Exchange exchange) throws Exception {
        String contractorId = contractor(exchange);
        JsonNode body = parser.readJson(exchange.getIn().getBody(String.class));
        String url = body.path("url").asText("");
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("url", "must be an absolute http(s) URL");
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = HexFormat.of().formatHex(key);
        registry.putWebhook(contractorId, url, secret);
        JsonResponses.write(exchange, mapper, 201, Map.of("url", url, "secret", secret));
    }

    private RegistryWorker ownWorker(Exchange exchange) {
        String contractorId = contractor(exchange);
        String workerId = exchange.getIn().getHeader("workerId", String.class);
        AuditAttribute.recordIds(exchange, List.of(workerId));
        RegistryWorker worker = registry.find(workerId).filter(w -> w.contractorId().equals(contractorId))
                .orElseThrow(() -> notFound(workerId));
        AuditAttribute.recordCount(exchange, 1);
        return worker;
    }

    /** The submission as the pipeline takes it: contractor from the token, worker id from the path or item. */
    private ObjectNode own(JsonNode body, String contractorId, String workerId) {
        if (!body.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object");
        }
        String claimed = body.path("contractorId").asText(null);
        if (claimed != null && !claimed.equals(contractorId)) {
            throw ApiProblem.invalidField("contractorId", "must be your own contractor id or left out");
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.put("contractorId", contractorId);
        copy.put("workerId", workerId);
        return copy;
    }

    private ObjectNode view(RegistryWorker w) {
        ObjectNode view = mapper.createObjectNode();
        view.put("workerId", w.workerId());
        view.put("contractorId", w.contractorId());
        view.put("name", w.name());
        view.put("idNumber", IdNumbers.mask(w.idNumber()));
        view.put("status", w.status().name());
        view.put("validUntil", w.validUntil() == null ? null : w.validUntil().toString());
        view.set("reasons", mapper.valueToTree(w.reasons()));
        view.put("checkedAt", w.checkedAt() == null ? null : w.checkedAt().toString());
        ArrayNode certificates = view.putArray("certificates");
        for (var c : w.certificates()) {
            ObjectNode node = certificates.addObject();
            node.put("number", c.masked());
            node.put("category", c.category().name());
            node.put("operationItem", c.operationItem());
            node.put("issuedOn", String.valueOf(c.issuedOn()));
            node.put("validUntil", c.validUntil() == null ? null : c.validUntil().toString());
            node.put("reviewDueOn", c.reviewDueOn() == null ? null : c.reviewDueOn().toString());
            node.put("revoked", c.revoked());
            node.put("verification", c.verification().name());
        }
        if (w.insurance() != null) {
            ObjectNode insurance = view.putObject("insurance");
            insurance.put("status", w.insurance().status().name());
            insurance.put("coveredFrom", w.insurance().coveredFrom() == null ? null : w.insurance().coveredFrom().toString());
            insurance.put("coveredUntil", w.insurance().coveredUntil() == null ? null : w.insurance().coveredUntil().toString());
        }
        return view;
    }

    private static ApiProblem notFound(String workerId) {
        return ApiProblem.notFound("WORKER_NOT_FOUND", "no worker " + workerId + " of yours");
    }

    private static String instant(Object timestamp) {
        return timestamp == null ? null : ((java.sql.Timestamp) timestamp).toInstant().toString();
    }
}
