package org.permithub.hub.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.permithub.api.problem.ApiProblem;
import org.permithub.api.problem.ProblemTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /access/v1/**} is for door controllers: each authenticates with its own device key
 * ({@code X-Device-Key}), checked against the hash held in memory. A person's JWT gets nothing
 * here, and a device key gets nothing elsewhere (this chain matches only this path).
 */
@Configuration
class DeviceSecurityConfig {

    static final String HEADER = "X-Device-Key";
    /** Request attribute holding the authenticated {@link AccessIndex.Device}. */
    static final String DEVICE_ATTRIBUTE = "permitHubDevice";

    @Bean
    @Order(1)
    SecurityFilterChain deviceSecurity(HttpSecurity http, AccessIndex index, ObjectMapper mapper) throws Exception {
        http.securityMatcher("/access/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // the decision was made on the request's first dispatch (Camel answers asynchronously)
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasRole("device"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> problem(mapper, response,
                                new ApiProblem(401, "DEVICE_KEY_INVALID", "Unauthorized",
                                        "a registered door controller's key is required in " + HEADER)))
                        .accessDeniedHandler((request, response, denied) -> problem(mapper, response,
                                new ApiProblem(403, "FORBIDDEN", "Forbidden", "door controllers only"))))
                .addFilterBefore(new DeviceKeyFilter(index), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    private static void problem(ObjectMapper mapper, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        response.setStatus(problem.status());
        response.setContentType(ProblemTypes.MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), problem.toBody(null));
    }

    static final class DeviceKeyFilter extends OncePerRequestFilter {
        private final AccessIndex index;

        DeviceKeyFilter(AccessIndex index) {
            this.index = index;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String key = request.getHeader(HEADER);
            DeviceKeys.deviceIdOf(key).flatMap(index::device)
                    .filter(device -> "DOOR".equals(device.kind()) && DeviceKeys.matches(key, device.keyHash()))
                    .ifPresent(device -> {
                        request.setAttribute(DEVICE_ATTRIBUTE, device);
                        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                                device.deviceId(), null, List.of(new SimpleGrantedAuthority("ROLE_device"))));
                    });
            chain.doFilter(request, response);
        }
    }
}
