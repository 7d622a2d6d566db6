package org.permithub.hub.erp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.connectors.erp.ErpPayloads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The ERP operation of {@code openapi/connectors.yaml} (the spec is bound by MesRoutes). */
@Component
class ErpRoutes extends RouteBuilder {

    private final ErpRegistry registry;
    private final ObjectMapper mapper;

    ErpRoutes(ErpRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        from("direct:receiveErpChangeEvent").routeId("receiveErpChangeEvent").routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> JsonResponses.write(exchange, mapper, 200,
                        registry.applyEvent(exchange.getIn().getBody(String.class))));
    }

    @Configuration
    static class ErpConfig {
        @Bean
        ErpPayloads erpPayloads(ObjectMapper mapper) {
            return new ErpPayloads(mapper);
        }
    }
}
