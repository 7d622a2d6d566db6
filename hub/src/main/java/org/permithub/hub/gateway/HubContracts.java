package org.permithub.hub.gateway;

import org.permithub.api.contract.ApiContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's own contracts, published and listed in Swagger UI. Intake, admin, connectors and
 * access check requests in their routes, so the gateway does not validate them again; the
 * partner API faces outside systems and is validated at the gateway like the regulator API.
 */
@Configuration
class HubContracts {

    @Bean
    ApiContract intakeContract() {
        return new ApiContract("intake", "openapi/intake.yaml", false);
    }

    @Bean
    ApiContract adminContract() {
        return new ApiContract("admin", "openapi/admin.yaml", false);
    }

    @Bean
    ApiContract partnerContract() {
        return new ApiContract("partner", "openapi/partner.yaml", true);
    }

    @Bean
    ApiContract connectorsContract() {
        return new ApiContract("connectors", "openapi/connectors.yaml", false);
    }

    @Bean
    ApiContract accessContract() {
        return new ApiContract("access", "openapi/access.yaml", false);
    }
}
