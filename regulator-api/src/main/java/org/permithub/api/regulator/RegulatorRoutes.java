package org.permithub.api.regulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;
import org.permithub.ledger.evidence.EvidenceBundle;
import org.springframework.stereotype.Component;

/**
 * Binds {@code openapi/regulator.yaml} (contract first): each operation goes to
 * {@code direct:<operationId>}, and an operation without a route fails start-up.
 */
@Component
public class RegulatorRoutes extends RouteBuilder {

    static final String SPEC = "openapi/regulator.yaml";

    private final PermitStatusQuery statusQuery;
    private final PermitEvidenceQuery evidenceQuery;
    private final ObjectMapper mapper;

    public RegulatorRoutes(PermitStatusQuery statusQuery, PermitEvidenceQuery evidenceQuery, ObjectMapper mapper) {
        this.statusQuery = statusQuery;
        this.evidenceQuery = evidenceQuery;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        rest().openApi().specification(SPEC).missingOperation("fail");

        from("direct:getPermitStatus")
                .routeId("getPermitStatus")
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(this::getPermitStatus);

        from("direct:getPermitVerification")
                .routeId("getPermitVerification")
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> JsonResponses.write(exchange, mapper, 200,
                        PermitVerificationView.of(evidence(exchange))));

        from("direct:getPermitEvidence")
                .routeId("getPermitEvidence")
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> {
                    EvidenceBundle bundle = evidence(exchange);
                    JsonResponses.write(exchange, mapper, 200, bundle);
                    exchange.getMessage().setHeader("Content-Disposition",
                            "attachment; filename=\"" + bundle.permitNo() + "-evidence.json\"");
                });
    }

    /** The permit's evidence, if the permit is in the caller's jurisdiction. */
    private EvidenceBundle evidence(Exchange exchange) {
        String permitNo = visiblePermit(exchange).permitNo();
        return evidenceQuery.evidence(permitNo)
                .orElseThrow(() -> ApiProblem.notFound("PERMIT_NOT_FOUND", "no permit " + permitNo + " in your jurisdiction"));
    }

    private void getPermitStatus(Exchange exchange) throws Exception {
        JsonResponses.write(exchange, mapper, 200, visiblePermit(exchange));
    }

    /**
     * The permit named in the path, if the caller's jurisdiction covers it. One outside answers
     * exactly like one that does not exist, so a supervisor cannot learn which permit numbers
     * exist elsewhere.
     */
    private PermitStatus visiblePermit(Exchange exchange) {
        Caller caller = CallerAttribute.require(exchange);
        String permitNo = exchange.getIn().getHeader("permitNo", String.class);
        return statusQuery.findStatus(permitNo)
                .filter(found -> caller.coversDivision(found.divisionCode()))
                .orElseThrow(() -> ApiProblem.notFound("PERMIT_NOT_FOUND", "no permit " + permitNo + " in your jurisdiction"));
    }
}
