package org.permithub.hub.mes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.permithub.api.problem.ApiProblem;
import org.permithub.connectors.mes.IsolationPointReport;
import org.permithub.connectors.mes.MesPayloads;
import org.springframework.stereotype.Component;

/**
 * The hub side of the MES connector: what the routes in {@code routes/mes.camel.yaml} call. A pull
 * answer other than 200/404 or a malformed body throws, so the route's circuit breaker counts it
 * and the permit is pulled again on the next round.
 */
@Component("mesIsolation")
public class MesIsolation {

    private final IsolationStore store;
    private final MesPayloads payloads;
    private final ObjectMapper mapper;
    private final int pullLimit;

    public MesIsolation(IsolationStore store, MesPayloads payloads, ObjectMapper mapper,
            @org.springframework.beans.factory.annotation.Value("${permit-hub.connectors.mes.pull-limit:500}") int pullLimit) {
        this.store = store;
        this.payloads = payloads;
        this.mapper = mapper;
        this.pullLimit = pullLimit;
    }

    /** The permits to pull this round. */
    public List<String> permitsToPull() {
        return store.permitsAwaitingIsolation(pullLimit);
    }

    /** Applies MES's answer for one permit. */
    public IsolationStore.Outcome applyPull(String permitNo, Integer status, String body) {
        if (status != null && status == 404) {
            return new IsolationStore.Outcome(0, 0, List.of()); // MES does not know the ticket (yet)
        }
        if (status == null || status != 200) {
            throw new IllegalStateException("MES answered HTTP " + status + " for " + permitNo);
        }
        return store.apply(payloads.isolationPoints(permitNo, body), "MES_PULL");
    }

    /**
     * An event MES pushes: {@code {"eventId", "作业票号", "隔离点": [ ...as in the pull... ]}} (see
     * openapi/connectors.yaml).
     */
    public IsolationStore.Outcome applyEvent(String body) {
        JsonNode event;
        try {
            event = mapper.readTree(body);
        } catch (Exception e) {
            throw ApiProblem.invalidField("body", "not JSON");
        }
        String permitNo = event.path("作业票号").asText("");
        if (permitNo.isBlank() || !event.path("隔离点").isArray()) {
            throw ApiProblem.invalidField("body", "an isolation event needs 作业票号 and a 隔离点 array");
        }
        List<IsolationPointReport> reports = new ArrayList<>();
        try {
            event.get("隔离点").forEach(point -> reports.add(payloads.point(permitNo, point)));
        } catch (MesPayloads.MalformedMesReply e) {
            throw ApiProblem.invalidField("隔离点", e.getMessage());
        }
        return store.apply(reports, "MES_EVENT");
    }
}
