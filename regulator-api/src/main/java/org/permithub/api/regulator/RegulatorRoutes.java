package org.permithub.api.regulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;
import org.springframework.stereotype.Component;

/**
 * Binds {@code openapi/regulator.yaml} (contract first): each operation goes to
 * {@code direct:<operationId>}, and an operation without a route fails start-up.
 */
@Component
public class RegulatorRoutes extends RouteBuilder {

    static final String SPEC = "openapi/regulator.yaml";

    private final PermitStatusQuery statusQuery;
    private final ObjectMapper mapper;

    public RegulatorRoutes(PermitStatusQuery statusQuery, ObjectMapper mapper) {
        this.statusQuery = statusQuery;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        rest().openApi().specification(SPEC).missingOperation("fail");

        from("direct:getPermitStatus")
                .routeId("getPermitStatus")
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(this::getPermitStatus);
    }

    private void getPermitStatus(Exchange exchange) throws Exception {
        Caller caller = CallerAttribute.require(exchange);
        String permitNo = exchange.getIn().getHeader("permitNo", String.class);
        // A permit outside the caller's jurisdiction answers exactly like one that does not exist,
        // so a supervisor cannot learn which permit numbers exist elsewhere.
        PermitStatus status = statusQuery.findStatus(permitNo)
                .filter(found -> caller.coversDivision(found.divisionCode()))
                .orElseThrow(() -> ApiProblem.notFound("PERMIT_NOT_FOUND", "no permit " + permitNo + " in your jurisdiction"));
        JsonResponses.write(exchange, mapper, 200, status);
    }
}
