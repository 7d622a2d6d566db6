package org.permithub.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * How many records an API answer returned, and which (by id), for the audit log of the outside
 * parties' APIs: routes set them, the hub's audit filter reads them from the request once the
 * answer is written.
 */
public final class AuditAttribute {

    /** Request attribute name. */
    public static final String RECORD_COUNT = "permitHubRecordCount";
    /** Request attribute name of the ids ({@code List<String>}) of the records a request read or changed. */
    public static final String RECORD_IDS = "permitHubRecordIds";

    private AuditAttribute() {}

    public static void recordCount(Exchange exchange, int count) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        HttpServletRequest request = message == null ? null : message.getRequest();
        if (request != null) {
            request.setAttribute(RECORD_COUNT, count);
        }
        exchange.setProperty(RECORD_COUNT, count);
    }

    /** The ids of the records (e.g. workers) the request named, read or changed (the audit masks ID numbers). */
    public static void recordIds(Exchange exchange, List<String> ids) {
        List<String> copy = List.copyOf(ids);
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        HttpServletRequest request = message == null ? null : message.getRequest();
        if (request != null) {
            request.setAttribute(RECORD_IDS, copy);
        }
        exchange.setProperty(RECORD_IDS, copy);
    }
}
