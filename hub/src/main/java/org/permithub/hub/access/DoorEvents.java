package org.permithub.hub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permithub.core.permit.ActionType;
import org.permithub.hub.alarm.SiteMessageRejected;
import org.permithub.hub.permit.CommandAnswer;
import org.permithub.hub.permit.IntakeCommand;
import org.permithub.hub.permit.PermitCommandService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events door controllers publish on {@code site/{siteId}/door/{doorId}/event}:
 * <pre>{@code
 * {"type": "PASSAGE", "cardId": "c-1" | "workerId": "w-1", "direction": "IN" | "OUT", "at": "…"}
 * {"type": "HELLO"}          (the controller is back: it gets its newest commands again)
 * }</pre>
 * Every passage is recorded. An entry the hub would not have allowed raises an alert. Passages
 * of a confined space become the permit's ENTRY / EXIT actions, the headcount the guardian keeps
 * (GB 30871-2022 §6.8c); COMPLETE is refused by the rules while anyone is inside.
 */
@Component("doorEvents")
public class DoorEvents {

    private final AccessIndex index;
    private final DoorDecisions decisions;
    private final DoorCommands commands;
    private final PermitCommandService permits;
    private final SiteAlerts alerts;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;

    public DoorEvents(AccessIndex index, DoorDecisions decisions, DoorCommands commands, PermitCommandService permits,
            SiteAlerts alerts, JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper) {
        this.index = index;
        this.decisions = decisions;
        this.commands = commands;
        this.permits = permits;
        this.alerts = alerts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
    }

    /** @param topic {@code site/{siteId}/door/{doorId}/event} */
    /** The route's entry: plain parameters bound once here rather than by an expression per message. */
    public void handle(Exchange exchange) {
        eventFrom(exchange.getIn().getHeader("CamelMqttTopic", String.class), exchange.getIn().getBody(String.class));
    }

    public void eventFrom(String topic, String body) {
        String[] parts = topic == null ? new String[0] : topic.split("/");
        if (parts.length != 5) {
            throw new SiteMessageRejected("TOPIC_UNKNOWN", "not a door event topic: " + topic);
        }
        String siteId = parts[1];
        String doorId = parts[3];
        AccessIndex.Device door = index.device(doorId)
                .filter(d -> "DOOR".equals(d.kind()) && d.siteId().equals(siteId))
                .orElseThrow(() -> new SiteMessageRejected("DEVICE_UNKNOWN", "no door " + doorId + " at site " + siteId));
        JsonNode event = SiteMessageRejected.json(mapper, body);
        String type = event.path("type").asText("PASSAGE");
        if ("HELLO".equals(type)) {
            record(door, "HELLO", null, null, null, "RESENT", null, body);
            commands.resend(doorId);
            return;
        }
        if (!"PASSAGE".equals(type)) {
            throw new SiteMessageRejected("EVENT_TYPE_UNKNOWN", "door event type " + type);
        }
        String direction = event.path("direction").asText(null);
        if (!"IN".equals(direction) && !"OUT".equals(direction)) {
            throw new SiteMessageRejected("FIELD_INVALID", "direction must be IN or OUT");
        }
        String cardId = event.path("cardId").asText(null);
        String workerId = event.path("workerId").asText(null);
        if (cardId == null && workerId == null) {
            throw new SiteMessageRejected("FIELD_MISSING", "cardId or workerId is required");
        }
        Instant at = instant(event.path("at").asText(null));
        var decision = decisions.decide(new DoorDecisions.Request(cardId, workerId, siteId, door.zoneId(), direction, at));
        String person = decision.personId() != null ? decision.personId() : workerId;
        if ("IN".equals(direction) && !decision.allow()) {
            // "无有效许可不得进入作业区域": somebody went in whom the hub would have kept out
            tx.executeWithoutResult(status -> {
                record(door, "PASSAGE", person, cardId, decision.permitNo(), "ENTRY_WITHOUT_VALID_PERMIT", at, body);
                alerts.add(new SiteAlerts.SiteAlert("ENTRY_WITHOUT_VALID_PERMIT", "GB30871-2022 §4.10",
                        (person == null ? "card " + cardId : person) + " entered " + door.zoneId() + " through "
                                + doorId + ": " + decision.reasonCode(),
                        siteId, door.zoneId(), decision.permitNo(), doorId, at));
            });
            alerts.wake();
            return;
        }
        String outcome = decision.reasonCode().name();
        record(door, "PASSAGE", person, cardId, decision.permitNo(), outcome, at, body);
        if (decision.permitNo() == null || person == null) {
            return;
        }
        var entry = index.permit(decision.permitNo());
        if (entry.isPresent() && entry.get().confinedSpace()) {
            // GB 30871-2022 §6.8c: the headcount is the permit's ENTRY / EXIT actions
            ActionType action = "IN".equals(direction) ? ActionType.ENTRY : ActionType.EXIT;
            CommandAnswer answer = permits.handle(PermitCommandService.SYSTEM,
                    new IntakeCommand.Act(decision.permitNo(), action, Map.of("subjectId", person, "kind", "PERSON")),
                    Optional.of("door-" + doorId + "-" + UUID.nameUUIDFromBytes(body.getBytes())), "DOOR");
            index.refresh(decision.permitNo());
            if (!answer.accepted()) {
                alerts.raise(new SiteAlerts.SiteAlert("HEADCOUNT_MISMATCH", "GB30871-2022 §6.8c",
                        action + " of " + person + " refused: " + answer.body(), siteId, door.zoneId(),
                        decision.permitNo(), doorId, at));
            }
        }
    }

    private void record(AccessIndex.Device door, String type, String person, String cardId, String permitNo,
            String outcome, Instant at, String body) {
        jdbc.update("""
                insert into door_events (site_id, door_id, event_type, person_id, card_id, permit_no, outcome,
                                         occurred_at, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                door.siteId(), door.deviceId(), type, person, cardId, permitNo, outcome,
                at == null ? null : Timestamp.from(at), body);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new SiteMessageRejected("FIELD_INVALID", "at is not an RFC 3339 date-time: " + text);
        }
    }
}
