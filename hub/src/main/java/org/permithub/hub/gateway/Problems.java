package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.permithub.api.problem.ApiProblem;
import org.permithub.api.problem.ProblemTypes;

/** Writes a gateway refusal as RFC 9457 problem+json, like every other error of the hub. */
final class Problems {

    private Problems() {}

    static void write(ObjectMapper mapper, HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        response.setStatus(problem.status());
        response.setContentType(ProblemTypes.MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), problem.toBody(request.getRequestURI()));
    }
}
