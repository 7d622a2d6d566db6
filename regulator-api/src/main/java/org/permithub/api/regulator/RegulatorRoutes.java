package org.permithub.api.regulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.contract.ApiContract;
import org.permithub.api.http.AuditAttribute;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;
import org.permithub.ledger.evidence.EvidenceBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Binds {@code openapi/regulator.yaml} (contract first): each operation goes to
 * {@code direct:<operationId>}, and an operation without a route fails start-up. Requests have
 * been checked against the contract by the hub's gateway before they get here.
 */
@Component
public class RegulatorRoutes extends RouteBuilder {

    static final String SPEC = "openapi/regulator.yaml";

    private final PermitStatusQuery statusQuery;
    private final PermitEvidenceQuery evidenceQuery;
    private final RegulatorQueries queries;
    private final RegulatorStore store;
    private final RandomInspections inspections;
    private final ObjectMapper mapper;

    public RegulatorRoutes(PermitStatusQuery statusQuery, PermitEvidenceQuery evidenceQuery, RegulatorQueries queries,
            RegulatorStore store, RandomInspections inspections, ObjectMapper mapper) {
        this.statusQuery = statusQuery;
        this.evidenceQuery = evidenceQuery;
        this.queries = queries;
        this.store = store;
        this.inspections = inspections;
        this.mapper = mapper;
    }

    /** The contract: served at /regulator/v1/openapi.yaml, listed at /docs, enforced by the gateway. */
    @Bean
    static ApiContract regulatorContract() {
        return new ApiContract("regulator", SPEC, true);
    }

    @Override
    public void configure() {
        rest().openApi().specification(SPEC).missingOperation("fail");

        route("getPermitStatus", exchange -> reply(exchange, 200, visiblePermit(exchange), 1));
        route("getPermitVerification", exchange -> {
            var view = PermitVerificationView.of(evidence(exchange));
            reply(exchange, 200, view, view.actions().size());
        });
        route("getPermitEvidence", exchange -> {
            EvidenceBundle bundle = evidence(exchange);
            reply(exchange, 200, bundle, bundle.actions().size());
            exchange.getMessage().setHeader("Content-Disposition",
                    "attachment; filename=\"" + bundle.permitNo() + "-evidence.json\"");
        });
        route("searchPermits", this::searchPermits);
        route("getPermitDetail", exchange -> {
            String permitNo = permitNo(exchange);
            reply(exchange, 200, queries.detail(caller(exchange), permitNo, store.childPermits(permitNo)), 1);
        });
        route("getPermitActions", exchange -> {
            Caller caller = caller(exchange);
            PermitFacts facts = queries.visible(caller, permitNo(exchange));
            EvidenceBundle bundle = evidenceQuery.evidence(facts.permit().permitNo())
                    .orElseThrow(() -> RegulatorQueries.notFound(facts.permit().permitNo()));
            ActionTrail trail = ActionTrail.of(bundle, facts.actions());
            reply(exchange, 200, trail, trail.actions().size());
        });
        route("getPermitCompliance", exchange -> {
            String permitNo = permitNo(exchange);
            reply(exchange, 200, Map.of("permitNo", permitNo, "flags", queries.compliance(caller(exchange), permitNo)), 1);
        });
        route("getStatistics", exchange -> {
            Statistics statistics = queries.statistics(caller(exchange), instant(exchange, "from"),
                    instant(exchange, "to"), header(exchange, "enterprise"));
            reply(exchange, 200, statistics, statistics.total());
        });
        route("createRandomInspection", exchange -> {
            Inspection.Request request = mapper.readValue(exchange.getIn().getBody(String.class), Inspection.Request.class);
            if (!request.from().isBefore(request.to())) {
                throw ApiProblem.invalidField("body.to", "must be after from");
            }
            Inspection drawn = inspections.draw(caller(exchange), request);
            reply(exchange, 201, drawn, drawn.selected().size());
            exchange.getMessage().setHeader("Location", "/regulator/v1/inspections/" + drawn.inspectionId());
        });
        route("getRandomInspection", exchange -> {
            String id = header(exchange, "inspectionId");
            Inspection found = inspections.find(caller(exchange), id)
                    .orElseThrow(() -> ApiProblem.notFound("INSPECTION_NOT_FOUND", "no inspection " + id + " in your jurisdiction"));
            reply(exchange, 200, found, found.selected().size());
        });
        // the feed streams from a servlet handler ahead of Camel's (see regulator.yaml); never reached
        route("streamFeed", exchange -> {
            throw new ApiProblem(404, "NOT_FOUND", "Not found", "the feed is served by the streaming handler");
        });
    }

    private void route(String operationId, org.apache.camel.Processor processor) {
        from("direct:" + operationId)
                .routeId(operationId)
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(processor);
    }

    private void searchPermits(Exchange exchange) throws Exception {
        String limit = header(exchange, "limit");
        String cursor = header(exchange, "cursor");
        PermitSearch search = new PermitSearch(null, header(exchange, "enterprise"), header(exchange, "park"),
                header(exchange, "workType"), header(exchange, "grade"), header(exchange, "state"),
                header(exchange, "contractor"), instantOrNull(exchange, "from"), instantOrNull(exchange, "to"),
                limit == null ? 50 : Integer.parseInt(limit), cursor == null ? null : PageCursor.decode(cursor));
        PermitSummary.Page page = queries.search(caller(exchange), search);
        reply(exchange, 200, page, page.items().size());
    }

    private void reply(Exchange exchange, int status, Object body, int records) throws Exception {
        JsonResponses.write(exchange, mapper, status, body);
        AuditAttribute.recordCount(exchange, records);
    }

    /** The permit's evidence, if the permit is in the caller's jurisdiction. */
    private EvidenceBundle evidence(Exchange exchange) {
        String permitNo = visiblePermit(exchange).permitNo();
        return evidenceQuery.evidence(permitNo).orElseThrow(() -> RegulatorQueries.notFound(permitNo));
    }

    /**
     * The permit named in the path, if the caller's jurisdiction covers it. One outside answers
     * exactly like one that does not exist, so a supervisor cannot learn which permit numbers
     * exist elsewhere.
     */
    private PermitStatus visiblePermit(Exchange exchange) {
        Caller caller = caller(exchange);
        String permitNo = permitNo(exchange);
        return statusQuery.findStatus(permitNo)
                .filter(found -> caller.coversDivision(found.divisionCode()))
                .orElseThrow(() -> RegulatorQueries.notFound(permitNo));
    }

    private static Caller caller(Exchange exchange) {
        return CallerAttribute.require(exchange);
    }

    private static String permitNo(Exchange exchange) {
        return header(exchange, "permitNo");
    }

    private static String header(Exchange exchange, String name) {
        String value = exchange.getIn().getHeader(name, String.class);
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant instant(Exchange exchange, String name) {
        Instant value = instantOrNull(exchange, name);
        if (value == null) {
            throw ApiProblem.invalidField(name, "is required");
        }
        return value;
    }

    private static Instant instantOrNull(Exchange exchange, String name) {
        String value = header(exchange, name);
        try {
            return value == null ? null : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "is not an RFC 3339 date-time");
        }
    }
}
