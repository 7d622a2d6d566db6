package org.permithub.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** Writes an API answer: status, JSON body and nothing of the request's headers. */
public final class JsonResponses {

    private JsonResponses() {}

    public static void write(Exchange exchange, ObjectMapper mapper, int status, Object body)
            throws JsonProcessingException {
        writeRaw(exchange, status, "application/json", mapper.writeValueAsString(body));
    }

    /** Writes a body that is already JSON text (e.g. a stored idempotent answer). */
    public static void writeRaw(Exchange exchange, int status, String contentType, String json) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(json);
    }
}
