package org.permithub.connectors.guard;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Sorts an HTTP answer into "the remote system failed" and "the remote system answered". Only
 * the first is an exception, so only it counts against the circuit breaker and is retried: a 5xx,
 * 408 or 429 (rate limited) throws {@link RemoteSystemFailure}; any other status, including a
 * business rejection such as 404 "certificate not found", is an answer for the route to read from
 * {@code CamelHttpResponseCode}. Used inside every connector Kamelet's circuit breaker (the HTTP
 * call there runs with {@code throwExceptionOnFailure=false}).
 */
@Component("remoteOutcome")
public class RemoteOutcome implements Processor {

    @Override
    public void process(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new RemoteSystemFailure(0, null, "no HTTP status in the answer");
        }
        if (status >= 500 || status == 408 || status == 429) {
            String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
            throw new RemoteSystemFailure(status, retryAfter, "remote system answered HTTP " + status
                    + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"));
        }
    }
}
