package org.permithub.api.http;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;

/**
 * Carries the authenticated {@link Caller} from the servlet filter chain into Camel routes.
 *
 * <p>Camel's platform-http consumer processes the exchange on its own executor, where Spring
 * Security's thread-local context is gone; so the security filter stores the caller as a request
 * attribute, and the first step of every API route copies it into an exchange property.
 */
public final class CallerAttribute {

    /** Request attribute and exchange property name. */
    public static final String NAME = "permitHubCaller";

    private CallerAttribute() {}

    /** The caller of this exchange; a 401 problem when there is none (never reached past security). */
    public static Caller require(Exchange exchange) {
        Caller caller = exchange.getProperty(NAME, Caller.class);
        if (caller == null) {
            HttpServletRequest request = request(exchange);
            if (request != null && request.getAttribute(NAME) instanceof Caller fromRequest) {
                caller = fromRequest;
                exchange.setProperty(NAME, caller);
            }
        }
        if (caller == null) {
            throw new ApiProblem(401, "UNAUTHENTICATED", "Unauthorized", "a valid bearer token is required");
        }
        return caller;
    }

    private static HttpServletRequest request(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        return message == null ? null : message.getRequest();
    }
}
