package org.permithub.api.http;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * How many records an API answer returned, for the audit log of regulator queries: routes set it,
 * the hub's audit filter reads it from the request once the answer is written.
 */
public final class AuditAttribute {

    /** Request attribute name. */
    public static final String RECORD_COUNT = "permitHubRecordCount";

    private AuditAttribute() {}

    public static void recordCount(Exchange exchange, int count) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        HttpServletRequest request = message == null ? null : message.getRequest();
        if (request != null) {
            request.setAttribute(RECORD_COUNT, count);
        }
        exchange.setProperty(RECORD_COUNT, count);
    }
}
