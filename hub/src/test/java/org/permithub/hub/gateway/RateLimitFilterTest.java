package org.permithub.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.permithub.api.http.CallerAttribute;
import org.permithub.core.access.Caller;
import org.permithub.core.access.Role;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-subject limiters are bounded: idle subjects lose theirs, the live ones keep their count. */
class RateLimitFilterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimitFilter filter = new RateLimitFilter(new GatewayProperties.RateLimit(
            List.of("/partner/v1/"), 2, Map.of(), Duration.ofMinutes(10), 3), new ObjectMapper(), nanos::get);

    @Test
    void anIdleSubjectsLimiterIsEvictedAfterTheIdleExpiry() throws Exception {
        assertThat(status("a")).isEqualTo(200);
        assertThat(status("b")).isEqualTo(200);
        assertThat(filter.subjectsHeld()).isEqualTo(2);

        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(status("a")).isEqualTo(200); // a stays in use
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(filter.subjectsHeld()).isEqualTo(1);

        nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(filter.subjectsHeld()).isZero();
    }

    @Test
    void atMostMaxSubjectsAreHeld() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(status("s" + i)).isEqualTo(200);
        }
        assertThat(filter.subjectsHeld()).isLessThanOrEqualTo(3);
    }

    @Test
    void aSubjectOverItsRateIsRefusedWithRetryAfter() throws Exception {
        // 2 per second: of 6 quick requests at least one is refused even if a period turns over once
        List<MockHttpServletResponse> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(request("busy"));
        }
        MockHttpServletResponse refused = answers.stream().filter(a -> a.getStatus() == 429).findFirst().orElseThrow();
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("RATE_LIMITED");
        assertThat(status("other")).isEqualTo(200);
    }

    @Test
    void pathsOutsideTheLimitedPrefixesHoldNoLimiter() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/v1/routes");
        request.setAttribute(CallerAttribute.NAME, caller("admin"));
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(filter.subjectsHeld()).isZero();
    }

    private int status(String subject) throws Exception {
        return request(subject).getStatus();
    }

    private MockHttpServletResponse request(String subject) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/partner/v1/workers");
        request.setAttribute(CallerAttribute.NAME, caller(subject));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static Caller caller(String subject) {
        return new Caller(subject, Role.CONTRACTOR, Set.of("partner:write"), null, null, "c-1");
    }
}
