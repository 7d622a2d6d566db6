package org.permithub.hub.gateway;

import org.permithub.api.contract.ApiContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's own contracts, published and listed in Swagger UI. Their routes check requests
 * themselves (intake's parser, the admin routes), so the gateway does not validate them again.
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
}
