package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
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
 *
 * <p>The limiters live in a bounded cache, not a registry: a subject idle for {@code idleExpiry}
 * loses its limiter (far longer than the one-second period, so a returning subject gets the full
 * permits it would have had anyway), and at most {@code maxSubjects} are kept. They are deliberately
 * kept out of the Spring {@code RateLimiterRegistry} whose limiters resilience4j-micrometer
 * exports: one time series per token subject would grow like the registry did.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final GatewayProperties.RateLimit limits;
    private final Cache<String, RateLimiter> limiters;
    private final ObjectMapper mapper;

    RateLimitFilter(GatewayProperties.RateLimit limits, ObjectMapper mapper) {
        this(limits, mapper, Ticker.systemTicker());
    }

    /** With the cache's clock given (tests). */
    RateLimitFilter(GatewayProperties.RateLimit limits, ObjectMapper mapper, Ticker ticker) {
        this.limits = limits;
        this.mapper = mapper;
        this.limiters = Caffeine.newBuilder()
                .expireAfterAccess(limits.idleExpiry())
                .maximumSize(limits.maxSubjects())
                .ticker(ticker)
                .executor(Runnable::run) // evict on the request thread: no pool needed for dropping a reference
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limits.covers(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(CallerAttribute.NAME) instanceof Caller caller) {
            RateLimiter limiter = limiters.get(caller.subject(), this::limiter);
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

    /** Until the next period refreshes the permits ({@code RateLimiter.of} makes atomic ones). */
    private static long nanosToWait(RateLimiter limiter) {
        return limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    }

    private RateLimiter limiter(String subject) {
        return RateLimiter.of(subject, RateLimiterConfig.custom()
                .limitForPeriod(limits.rateOf(subject))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** Subjects that hold a limiter now (after pending evictions). */
    long subjectsHeld() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }
}
