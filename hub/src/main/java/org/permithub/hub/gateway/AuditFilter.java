package org.permithub.hub.gateway;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permithub.api.http.AuditAttribute;
import org.permithub.api.http.CallerAttribute;
import org.permithub.connectors.IdNumbers;
import org.permithub.core.access.Caller;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes every authenticated request under the audited paths (regulator and partner API) to the
 * {@link AuditLog} once its answer is complete (Camel routes answer asynchronously), including
 * refusals such as 400, 404 and 429. The record count and ids are what the route reported
 * ({@link AuditAttribute}). No audit row holds an ID number: any in the path, the query or the
 * record ids (a contractor may use one as a worker id) is masked like everywhere else.
 */
class AuditFilter extends OncePerRequestFilter {

    /** 18 characters not inside a longer run of digits or letters: an ID number if its check character fits. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])[Tt]?\\d{17}[0-9Xx](?![0-9A-Za-z])");

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
        List<String> ids = request.getAttribute(AuditAttribute.RECORD_IDS) instanceof List<?> list
                ? list.stream().map(id -> masked(String.valueOf(id))).toList() : null;
        String path = request.getRequestURI();
        log.record(new AuditLog.Entry(started, api(path), caller.subject(), caller.role().claimValue(),
                caller.jurisdiction(), caller.contractorId(), request.getMethod(), masked(path),
                masked(request.getQueryString()), response.getStatus(), count instanceof Integer n ? n : null, ids,
                (System.nanoTime() - startNanos) / 1_000_000));
    }

    /** {@code /partner/v1/workers} → {@code partner}. */
    static String api(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }

    /** Every ID number (or certificate number "T" + ID number) in the text masked; see {@link IdNumbers#mask}. */
    static String masked(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ID_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String number = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(IdNumbers.valid(number.replaceFirst("^[Tt]", ""))
                    ? IdNumbers.mask(number) : number));
        }
        return m.appendTail(out).toString();
    }
}
