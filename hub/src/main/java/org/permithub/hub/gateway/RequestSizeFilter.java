package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.permithub.api.problem.ApiProblem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 413 for a request whose declared body is larger than {@code permit-hub.gateway.max-request-size},
 * before authentication reads anything. Bodies without a length (chunked) are limited by the
 * contract filter, which reads at most that many bytes.
 */
class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectMapper mapper;

    RequestSizeFilter(long maxBytes, ObjectMapper mapper) {
        this.maxBytes = maxBytes;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            Problems.write(mapper, request, response, tooLarge(maxBytes));
            return;
        }
        chain.doFilter(request, response);
    }

    static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                "the request body is larger than " + maxBytes + " bytes");
    }
}
