package org.permithub.api.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that becomes an RFC 9457 {@code application/problem+json} answer with a stable
 * {@code code}. Throw it anywhere in an API route; the shared error handling renders it.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, Object> extensions;

    public ApiProblem(int status, String code, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(400, code, "Bad request", detail);
    }

    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(400, "VALIDATION_FAILED", "Request validation failed", field + ": " + message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(404, code, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The problem document as an ordered map, ready for JSON. */
    public Map<String, Object> toBody(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemTypes.uriFor(code));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("code", code);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return body;
    }
}
