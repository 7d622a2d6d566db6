package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-consumer rate limits: one Resilience4j {@link RateLimiter} per token subject (each
 * {@code requestsPerSecond} permits per second, no waiting). Over the limit: 429 problem+json with
 * {@code Retry-After} in whole seconds. Runs after authentication, so the subject is the token's.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final GatewayProperties.RateLimit limits;
    private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
    private final ObjectMapper mapper;

    RateLimitFilter(GatewayProperties.RateLimit limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limits.covers(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(CallerAttribute.NAME) instanceof Caller caller) {
            RateLimiter limiter = registry.rateLimiter(caller.subject(), () -> config(caller.subject()));
            if (!limiter.acquirePermission()) {
                long seconds = Math.max(1, (long) Math.ceil(nanosToWait(limiter) / 1e9));
                response.setHeader("Retry-After", Long.toString(seconds));
                Problems.write(mapper, request, response, new ApiProblem(429, "RATE_LIMITED", "Too many requests",
                        "more than " + limiter.getRateLimiterConfig().getLimitForPeriod()
                                + " requests per second; retry after " + seconds + " s",
                        Map.of("retryAfterSeconds", seconds)));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Until the next period refreshes the permits (the registry's limiters are atomic ones). */
    private static long nanosToWait(RateLimiter limiter) {
        return limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    }

    private RateLimiterConfig config(String subject) {
        return RateLimiterConfig.custom()
                .limitForPeriod(limits.rateOf(subject))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build();
    }
}
