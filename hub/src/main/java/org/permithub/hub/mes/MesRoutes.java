package org.permithub.hub.mes;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.springframework.stereotype.Component;

/** Binds {@code openapi/connectors.yaml} (MES and ERP events); this class owns the MES operation. */
@Component
class MesRoutes extends RouteBuilder {

    private final MesIsolation isolation;
    private final ObjectMapper mapper;

    MesRoutes(MesIsolation isolation, ObjectMapper mapper) {
        this.isolation = isolation;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        rest().openApi().specification("openapi/connectors.yaml").missingOperation("fail");

        from("direct:receiveMesIsolationEvent").routeId("receiveMesIsolationEvent")
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> JsonResponses.write(exchange, mapper, 200,
                        isolation.applyEvent(exchange.getIn().getBody(String.class))));
    }
}
