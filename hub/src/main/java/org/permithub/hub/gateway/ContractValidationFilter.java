package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.permithub.api.contract.ContractValidator;
import org.permithub.api.contract.FieldError;
import org.permithub.api.problem.ApiProblem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks each request under a validating contract's base path against its OpenAPI operation
 * ({@link ContractValidator}): 400 problem+json {@code VALIDATION_FAILED} with one
 * {@code {field, message}} per broken parameter or body field, before any route runs.
 */
class ContractValidationFilter extends OncePerRequestFilter {

    private final List<ContractValidator> contracts;
    private final long maxBytes;
    private final ObjectMapper mapper;

    ContractValidationFilter(List<ContractValidator> contracts, long maxBytes, ObjectMapper mapper) {
        this.contracts = contracts;
        this.maxBytes = maxBytes;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return contracts.stream().noneMatch(c -> c.covers(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContractValidator contract = contracts.stream().filter(c -> c.covers(request.getRequestURI())).findFirst()
                .orElseThrow();
        if (contract.match(request.getMethod(), request.getRequestURI()).isEmpty()) {
            chain.doFilter(request, response); // routing answers 404 / 405
            return;
        }
        byte[] body = readBody(request.getInputStream());
        if (body == null) {
            Problems.write(mapper, request, response, RequestSizeFilter.tooLarge(maxBytes));
            return;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, Arrays.asList(values)));
        List<FieldError> errors = contract.validateRequest(request.getMethod(), request.getRequestURI(), query,
                request::getHeader, new String(body, StandardCharsets.UTF_8));
        if (!errors.isEmpty()) {
            Problems.write(mapper, request, response, problem(errors));
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    static ApiProblem problem(List<FieldError> errors) {
        FieldError first = errors.get(0);
        String detail = first.field() + ": " + first.message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        List<Map<String, String>> list = errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message())).collect(Collectors.toList());
        return new ApiProblem(400, "VALIDATION_FAILED", "Request validation failed", detail, Map.of("errors", list));
    }

    /** The body, or null when it is larger than the limit (a chunked body has no declared length). */
    private byte[] readBody(InputStream in) throws IOException {
        byte[] read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        return read.length > maxBytes ? null : read;
    }

    /** The request with its body read once and handed on again. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
