package org.permithub.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.permithub.api.problem.ApiProblem;
import org.permithub.api.problem.ProblemTypes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page: whatever fails outside an API route (an unknown path, a
 * method the path does not take, a body too large) still answers RFC 9457 problem+json with a
 * stable code and nothing of the exception.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private final ObjectMapper mapper;

    ProblemErrorController(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ApiProblem problem = problemFor(status);
        response.setStatus(problem.status());
        response.setContentType(ProblemTypes.MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), problem.toBody(path));
    }

    static ApiProblem problemFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return switch (status) {
            case 400 -> new ApiProblem(400, "BAD_REQUEST", title, "the request could not be read");
            case 404 -> new ApiProblem(404, "NOT_FOUND", title, "no such resource");
            case 405 -> new ApiProblem(405, "METHOD_NOT_ALLOWED", title, "this resource does not take that method");
            case 406 -> new ApiProblem(406, "NOT_ACCEPTABLE", title, "this resource answers application/json");
            case 413 -> new ApiProblem(413, "PAYLOAD_TOO_LARGE", title, "the request body is too large");
            case 415 -> new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", title, "send application/json");
            default -> status >= 400 && status < 500
                    ? new ApiProblem(status, "CLIENT_ERROR", title, "the request was refused")
                    : new ApiProblem(500, "INTERNAL_ERROR", "Internal error", "the hub failed unexpectedly");
        };
    }
}
