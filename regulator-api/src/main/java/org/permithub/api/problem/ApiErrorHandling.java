package org.permithub.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.permithub.api.http.JsonResponses;
import org.permithub.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The shared error handling of every API route ({@code routeConfigurationId: api-errors}): each
 * failure becomes an RFC 9457 problem+json with a stable code. Nothing of a stack trace reaches
 * the caller; unexpected failures are logged with an id the answer names.
 */
@Component
public class ApiErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "api-errors";
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandling.class);

    private final ObjectMapper mapper;

    public ApiErrorHandling(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .process(this::render);
    }

    private void render(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiProblem problem = toProblem(failure);
        String instance = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        JsonResponses.writeRaw(exchange, problem.status(), ProblemTypes.MEDIA_TYPE,
                mapper.writeValueAsString(problem.toBody(instance)));
        if (problem.status() == 503) {
            exchange.getMessage().setHeader("Retry-After", "5");
        }
    }

    static ApiProblem toProblem(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof ApiProblem problem) {
                return problem;
            }
            if (cause instanceof InvalidFormatException invalid) {
                return ApiProblem.invalidField(path(invalid), "has an invalid value " + invalid.getValue());
            }
            if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
                return ApiProblem.invalidField(path(mismatched), "has the wrong type");
            }
            if (cause instanceof JsonProcessingException json) {
                return ApiProblem.badRequest("MALFORMED_JSON",
                        "the request body is not valid JSON: " + json.getOriginalMessage());
            }
            if (cause instanceof LedgerException ledger && ledger.retryable()) {
                return new ApiProblem(503, "LEDGER_UNAVAILABLE", "Service unavailable",
                        "the ledger cannot be read now; retry later");
            }
            if (cause instanceof DataAccessResourceFailureException) {
                return new ApiProblem(503, "STORE_UNAVAILABLE", "Service unavailable",
                        "the permit store cannot be reached; retry later");
            }
            cause = cause.getCause();
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.error("unexpected failure, incident {}", incident, failure);
        return new ApiProblem(500, "INTERNAL_ERROR", "Internal error",
                "the hub failed unexpectedly; quote incident " + incident);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
