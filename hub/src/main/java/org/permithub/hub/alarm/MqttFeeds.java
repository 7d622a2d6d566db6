package org.permithub.hub.alarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.permithub.hub.access.SiteAlerts;
import org.springframework.stereotype.Component;

/**
 * Bookkeeping of the MQTT feed routes: what goes to {@code mqtt.dlq} (the rejected message with
 * its reason), and the "route up but silent" watch (tech-anchors §7: a paho-mqtt5 consumer can
 * stay Started after a failed re-subscribe and receive nothing).
 */
@Component("mqttFeeds")
public class MqttFeeds {

    private final CamelContext camel;
    private final SiteAlerts alerts;
    private final AlarmProperties properties;
    private final ObjectMapper mapper;
    private final Map<String, Instant> lastMessage = new ConcurrentHashMap<>();
    private final Map<String, Instant> alerted = new ConcurrentHashMap<>();
    private final Instant started = Instant.now();

    public MqttFeeds(CamelContext camel, SiteAlerts alerts, AlarmProperties properties, ObjectMapper mapper) {
        this.camel = camel;
        this.alerts = alerts;
        this.properties = properties;
        this.mapper = mapper;
    }

    /** First step of every feed route. */
    public void received(Exchange exchange) {
        lastMessage.put(exchange.getFromRouteId(), Instant.now());
    }

    /** Turns the failed exchange into the DLQ record: reason, detail, topic, route, payload. */
    public String deadLetter(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ObjectNode record = mapper.createObjectNode();
        record.put("reason", failure instanceof SiteMessageRejected rejected ? rejected.reason() : "PROCESSING_FAILED");
        record.put("detail", failure == null ? null : failure.getMessage());
        record.put("topic", exchange.getIn().getHeader("CamelMqttTopic", String.class));
        record.put("routeId", exchange.getFromRouteId());
        record.put("receivedAt", Instant.now().toString());
        record.put("payload", exchange.getIn().getBody(String.class));
        exchange.getIn().setHeader("kafka.KEY", record.get("topic").asText(""));
        return record.toString();
    }

    /** Timer: an alert for each watched route that is started but has been silent too long (once per silence). */
    public int checkSilence() {
        Instant now = Instant.now();
        int raised = 0;
        for (String routeId : properties.watchedRoutes()) {
            if (camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
                continue;
            }
            Instant last = lastMessage.getOrDefault(routeId, started);
            if (last.plus(properties.silenceAlertAfter()).isAfter(now) || last.equals(alerted.get(routeId))) {
                continue;
            }
            alerted.put(routeId, last);
            alerts.raise(new SiteAlerts.SiteAlert("DEVICE_FEED_SILENT", null,
                    "route " + routeId + " is up but received nothing since " + last, "*", null, null, null, now));
            raised++;
        }
        return raised;
    }
}
