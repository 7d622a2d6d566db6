package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.permithub.api.contract.ApiContract;
import org.permithub.api.contract.ContractValidator;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway filters, by path prefix so that every API under a prefix gets them: the request
 * size limit before authentication; after it (Spring Security's chain is at order -100) the
 * audit log, the per-consumer rate limit and the contract validation, in that order, so that the
 * audit log also records refused queries.
 */
@Configuration
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfig {

    @Bean
    List<ContractValidator> contractValidators(List<ApiContract> contracts) {
        return contracts.stream().map(ContractValidator::load).toList();
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(GatewayProperties gateway, ObjectMapper mapper) {
        return registration(new RequestSizeFilter(gateway.maxRequestSize().toBytes(), mapper),
                SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    }

    @Bean
    FilterRegistrationBean<AuditFilter> regulatorAuditFilter(GatewayProperties gateway, AuditLog log) {
        return registration(new AuditFilter(gateway.audit(), log), SecurityProperties.DEFAULT_FILTER_ORDER + 10);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(GatewayProperties gateway, ObjectMapper mapper) {
        return registration(new RateLimitFilter(gateway.rateLimit(), mapper), SecurityProperties.DEFAULT_FILTER_ORDER + 20);
    }

    @Bean
    FilterRegistrationBean<ContractValidationFilter> contractValidationFilter(List<ContractValidator> contractValidators,
            GatewayProperties gateway, ObjectMapper mapper) {
        List<ContractValidator> validating = contractValidators.stream()
                .filter(v -> v.contract().validateRequests()).toList();
        return registration(new ContractValidationFilter(validating, gateway.maxRequestSize().toBytes(), mapper),
                SecurityProperties.DEFAULT_FILTER_ORDER + 30);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        return registration;
    }
}
