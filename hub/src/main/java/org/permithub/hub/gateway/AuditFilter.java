package org.permithub.hub.gateway;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.permithub.api.http.AuditAttribute;
import org.permithub.api.http.CallerAttribute;
import org.permithub.core.access.Caller;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes every authenticated query under the audited paths to the {@link AuditLog} once its
 * answer is complete (Camel routes answer asynchronously), including refusals such as 400, 404
 * and 429. The record count is what the route reported ({@link AuditAttribute}).
 */
class AuditFilter extends OncePerRequestFilter {

    private final GatewayProperties.Audit audit;
    private final AuditLog log;

    AuditFilter(GatewayProperties.Audit audit, AuditLog log) {
        this.audit = audit;
        this.log = log;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !audit.covers(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        write(request, response, started, startNanos);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                write(request, response, started, startNanos);
            }
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, Instant started, long startNanos) {
        if (!(request.getAttribute(CallerAttribute.NAME) instanceof Caller caller)) {
            return; // refused before authentication: there is no "who"
        }
        Object count = request.getAttribute(AuditAttribute.RECORD_COUNT);
        log.record(new AuditLog.Entry(started, caller.subject(), caller.role().claimValue(), caller.jurisdiction(),
                request.getMethod(), request.getRequestURI(), request.getQueryString(), response.getStatus(),
                count instanceof Integer n ? n : null, (System.nanoTime() - startNanos) / 1_000_000));
    }
}
