package org.permithub.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.problem.ApiProblem;
import org.permithub.api.problem.ProblemTypes;
import org.permithub.core.access.Caller;
import org.permithub.core.access.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every API needs an RS256 bearer token with the right role and scope. In standalone mode the hub
 * is its own issuer (key under the data folder); in production it trusts a configured JWKS URI.
 */
@Configuration
public class SecurityConfig {

    private final ObjectMapper mapper;

    public SecurityConfig(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Bean
    KeyPair standaloneSigningKeys(@Value("${permit-hub.data-dir}") Path dataDir) {
        return SigningKeys.loadOrCreate(dataDir);
    }

    @Bean
    TokenIssuer tokenIssuer(KeyPair standaloneSigningKeys, @Value("${permit-hub.security.issuer}") String issuer) {
        return new TokenIssuer(standaloneSigningKeys, issuer);
    }

    @Bean
    JwtDecoder jwtDecoder(KeyPair standaloneSigningKeys, @Value("${permit-hub.security.issuer}") String issuer,
            @Value("${permit-hub.security.jwk-set-uri:}") String jwkSetUri) {
        NimbusJwtDecoder decoder = jwkSetUri.isBlank()
                ? NimbusJwtDecoder.withPublicKey((RSAPublicKey) standaloneSigningKeys.getPublic())
                        .signatureAlgorithm(SignatureAlgorithm.RS256).build()
                : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        // issuer, expiry and not-before are all checked; alg "none" never verifies against a key
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer));
        decoder.setJwtValidator(claims);
        // a token is verified once, its claims on every use (VerifiedTokens)
        return new VerifiedTokens(decoder, claims, 10_000, Duration.ofMinutes(5));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // the security decision was made on the request's first dispatch
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // the published contracts and Swagger UI (gateway/ContractDocs)
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/docs", "/docs/", "/webjars/**",
                                "/*/v1/openapi.yaml").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.claimValue())
                        .requestMatchers("/api/v1/**").access(roleAndScope(Scopes.PERMITS_WRITE, Role.ENTERPRISE))
                        .requestMatchers("/regulator/v1/**").access(roleAndScope(Scopes.REGULATOR_READ, Role.REGULATOR))
                        .requestMatchers("/partner/v1/**").access(roleAndScope(Scopes.PARTNER_WRITE, Role.CONTRACTOR))
                        .requestMatchers("/admin/v1/**").access(roleAndScope(Scopes.ADMIN, Role.ADMIN))
                        .requestMatchers("/connectors/v1/**").access(roleAndScope(Scopes.CONNECTORS_WRITE, Role.ADMIN))
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenConverter()))
                        .authenticationEntryPoint(this::unauthorized)
                        .accessDeniedHandler((request, response, denied) ->
                                writeProblem(request, response, new ApiProblem(403, "FORBIDDEN", "Forbidden",
                                        "your token lacks the role or scope this operation needs"))))
                .exceptionHandling(e -> e.authenticationEntryPoint(this::unauthorized))
                .addFilterAfter(new CallerFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> roleAndScope(String scope, Role role) {
        var roles = role == Role.ADMIN
                ? AuthorityAuthorizationManager.<RequestAuthorizationContext>hasRole(role.claimValue())
                : AuthorityAuthorizationManager.<RequestAuthorizationContext>hasAnyRole(role.claimValue(),
                        Role.ADMIN.claimValue());
        return AuthorizationManagers.allOf(
                roles,
                AuthorityAuthorizationManager.hasAuthority("SCOPE_" + scope));
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ApiProblem problem = e instanceof OAuth2AuthenticationException
                ? new ApiProblem(401, "INVALID_TOKEN", "Unauthorized",
                        "the bearer token is invalid, expired, or not from a trusted issuer")
                : new ApiProblem(401, "UNAUTHENTICATED", "Unauthorized", "a bearer token is required");
        writeProblem(request, response, problem);
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        response.setStatus(problem.status());
        response.setContentType(ProblemTypes.MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), problem.toBody(request.getRequestURI()));
    }

    /** Maps the token's roles and scopes to authorities. */
    static final class TokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            roles(jwt).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.claimValue())));
            scopes(jwt).forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }

    static List<Role> roles(Jwt jwt) {
        List<String> names = jwt.hasClaim(Claims.ROLES) ? jwt.getClaimAsStringList(Claims.ROLES) : List.of();
        return names.stream().map(Role::fromClaim).flatMap(java.util.Optional::stream).toList();
    }

    static Set<String> scopes(Jwt jwt) {
        String scope = jwt.getClaimAsString(Claims.SCOPE);
        return scope == null || scope.isBlank() ? Set.of() : Set.of(scope.trim().split("\\s+"));
    }

    /** Hands the authenticated caller to the Camel routes (see {@link CallerAttribute}). */
    static final class CallerFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication();
            if (authentication instanceof JwtAuthenticationToken token) {
                Jwt jwt = token.getToken();
                List<Role> roles = roles(jwt);
                // a token with several roles acts with the most privileged one it has
                Role role = roles.contains(Role.ADMIN) ? Role.ADMIN : roles.isEmpty() ? null : roles.get(0);
                if (role != null) {
                    request.setAttribute(CallerAttribute.NAME, new Caller(jwt.getSubject(), role, scopes(jwt),
                            jwt.getClaimAsString(Claims.JURISDICTION), jwt.getClaimAsString(Claims.ENTERPRISE),
                            jwt.getClaimAsString(Claims.CONTRACTOR)));
                }
            }
            chain.doFilter(request, response);
        }
    }
}
