package org.permithub.hub.govplatform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.connectors.govplatform.DailyCommitment;
import org.permithub.core.access.Caller;
import org.permithub.hub.permit.IntakeParser;
import org.springframework.stereotype.Component;

/** The daily-commitment operations of {@code openapi/intake.yaml} (bound there by IntakeRoutes). */
@Component
class CommitmentRoutes extends RouteBuilder {

    record CommitmentRequest(String enterpriseCode, Integer unitsNumber, Integer runNumber, Integer parkNumber,
            Integer contractorNumber, List<DailyCommitment.PlannedWork> planned, String riskGrade, String principal,
            String commitment) {}

    private final DailyCommitments commitments;
    private final IntakeParser parser;
    private final ObjectMapper mapper;

    CommitmentRoutes(DailyCommitments commitments, IntakeParser parser, ObjectMapper mapper) {
        this.commitments = commitments;
        this.parser = parser;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        from("direct:submitDailyCommitment").routeId("submitDailyCommitment")
                .routeConfigurationId(ApiErrorHandling.ID).process(this::submit);
        from("direct:getDailyCommitment").routeId("getDailyCommitment")
                .routeConfigurationId(ApiErrorHandling.ID).process(this::get);
    }

    private void submit(Exchange exchange) throws Exception {
        Caller caller = CallerAttribute.require(exchange);
        String siteId = exchange.getIn().getHeader("siteId", String.class);
        LocalDate date = date(exchange);
        CommitmentRequest request;
        try {
            request = mapper.treeToValue(parser.readJson(exchange.getIn().getBody(String.class)), CommitmentRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.invalidField("body", "not a daily commitment: " + e.getOriginalMessage());
        }
        if (request.planned() == null) {
            throw ApiProblem.invalidField("planned", "is required (an empty list commits to no special work)");
        }
        for (DailyCommitment.PlannedWork work : request.planned()) {
            if (work.workType() == null || work.count() < 0) {
                throw ApiProblem.invalidField("planned", "each entry needs a workType and a count of at least 0");
            }
        }
        var view = commitments.submit(caller, siteId, date, new DailyCommitment(request.enterpriseCode(), siteId, date,
                orZero(request.unitsNumber()), orZero(request.runNumber()), orZero(request.parkNumber()),
                orZero(request.contractorNumber()), request.planned(), request.commitment(), request.riskGrade(),
                request.principal(), null, 0));
        JsonResponses.write(exchange, mapper, 200, view);
    }

    private void get(Exchange exchange) throws Exception {
        Caller caller = CallerAttribute.require(exchange);
        String siteId = exchange.getIn().getHeader("siteId", String.class);
        String enterprise = exchange.getIn().getHeader("enterpriseCode", String.class);
        LocalDate date = date(exchange);
        var view = commitments.find(enterprise, siteId, date)
                .filter(found -> caller.actsFor(enterprise))
                .orElseThrow(() -> ApiProblem.notFound("COMMITMENT_NOT_FOUND", "no commitment for " + siteId + " on " + date));
        JsonResponses.write(exchange, mapper, 200, view);
    }

    private static LocalDate date(Exchange exchange) {
        try {
            return LocalDate.parse(exchange.getIn().getHeader("commitDate", String.class));
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiProblem.invalidField("commitDate", "expected a date like 2026-12-01");
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
