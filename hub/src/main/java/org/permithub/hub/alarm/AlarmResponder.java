package org.permithub.hub.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.PermitState;
import org.permithub.hub.access.AccessIndex;
import org.permithub.hub.access.DoorCommands;
import org.permithub.hub.access.SiteAlerts;
import org.permithub.hub.permit.CommandAnswer;
import org.permithub.hub.permit.IntakeCommand;
import org.permithub.hub.permit.PermitCommandService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The three-level response to a site alarm (entered through {@code direct:alarm-intake}, body
 * {@code {siteId, zoneId, source: GAS|AI|EXTERNAL, kind, deviceId, at, detail, level?}}):
 * <ol>
 * <li>sound/light: a command to every ALARM device of the zone (or the reporting device) on
 *     {@code site/{siteId}/alarm/{deviceId}/cmd};</li>
 * <li>notification: the managers' webhook and the live feed ({@code permit.alerts});</li>
 * <li>lock: SUSPEND of every ACTIVE permit of the zone with the reason, through
 *     {@link PermitCommandService} (stored, published and anchored like any action), and the
 *     zone's door grants revoked at once.</li>
 * </ol>
 * The notification is handed to its own route first, so the webhook call overlaps the lock.
 */
@Component("alarmResponder")
@EnableConfigurationProperties(AlarmProperties.class)
public class AlarmResponder {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmResponder.class);
    static final String ALARM_COMMAND = "direct:site-alarm-command";
    static final String NOTIFY = "seda:site-alarm-notify";

    public record Alarm(String siteId, String zoneId, String source, String kind, String deviceId, Instant at,
            String detail, int level) {}

    private final AccessIndex index;
    private final PermitCommandService permits;
    private final DoorCommands doors;
    private final SiteAlerts alerts;
    private final AlarmProperties properties;
    private final ProducerTemplate producer;
    private final ObjectMapper mapper;
    private final Map<String, Instant> lastRaised = new ConcurrentHashMap<>();

    public AlarmResponder(AccessIndex index, PermitCommandService permits, DoorCommands doors, SiteAlerts alerts,
            AlarmProperties properties, ProducerTemplate producer, ObjectMapper mapper) {
        this.index = index;
        this.permits = permits;
        this.doors = doors;
        this.alerts = alerts;
        this.properties = properties;
        this.producer = producer;
        this.mapper = mapper;
    }

    /** Entry of {@code direct:alarm-intake}. Returns what was done, as JSON. */
    public String respond(String body) {
        JsonNode json = SiteMessageRejected.json(mapper, body);
        String siteId = required(json, "siteId");
        String zoneId = required(json, "zoneId");
        String source = required(json, "source");
        String kind = required(json, "kind");
        if (!List.of("GAS", "AI", "EXTERNAL").contains(source)) {
            throw new SiteMessageRejected("FIELD_INVALID", "source must be GAS, AI or EXTERNAL");
        }
        Instant at = json.hasNonNull("at") ? OffsetDateTime.parse(json.get("at").asText()).toInstant() : Instant.now();
        int level = json.hasNonNull("level") ? json.get("level").asInt() : levelFor(source, kind);
        return mapper.valueToTree(respond(new Alarm(siteId, zoneId, source, kind, json.path("deviceId").asText(null),
                at, json.path("detail").asText(kind), Math.max(1, Math.min(3, level))))).toString();
    }

    int levelFor(String source, String kind) {
        return switch (source) {
            case "GAS" -> properties.levelForGas(kind);
            case "AI" -> properties.behaviourLevels().getOrDefault(kind, 2);
            default -> properties.externalLevel();
        };
    }

    public record Response(int level, List<String> alarmDevices, List<String> suspended, int doorCommands,
            boolean notified) {}

    public Response respond(Alarm alarm) {
        String key = alarm.siteId() + "/" + alarm.zoneId() + "/" + alarm.source() + "/" + alarm.kind();
        Instant previous = lastRaised.get(key);
        List<AccessIndex.PermitEntry> active = index.permitsIn(alarm.siteId(), alarm.zoneId()).stream()
                .filter(p -> p.state() == PermitState.ACTIVE).toList();
        boolean repeat = previous != null && alarm.at().isBefore(previous.plus(properties.repeatAfter()));
        if (repeat && (alarm.level() < 3 || active.isEmpty())) {
            return new Response(alarm.level(), List.of(), List.of(), 0, false);
        }
        lastRaised.put(key, alarm.at());
        List<String> sounded = soundAndLight(alarm);
        boolean notified = alarm.level() >= 2;
        if (notified) {
            // the webhook call runs on its own route, so it overlaps the lock instead of following it
            producer.sendBody(NOTIFY, notification(alarm, alarm.level() >= 3
                    ? active.stream().map(AccessIndex.PermitEntry::permitNo).toList() : List.of()));
        }
        List<String> suspended = new ArrayList<>();
        int doorCommands = 0;
        if (alarm.level() >= 3) {
            for (AccessIndex.PermitEntry permit : active) {
                if (suspend(alarm, permit)) {
                    suspended.add(permit.permitNo());
                    doorCommands += doors.issue(permit.siteId(), permit.zoneId(), permit.permitNo(), "REVOKE",
                            permit.workers());
                }
            }
        }
        if (notified) {
            alerts.raise(new SiteAlerts.SiteAlert(alarm.source() + "_ALARM", clause(alarm),
                    alarm.kind() + ": " + alarm.detail() + (suspended.isEmpty() ? "" : "; suspended " + suspended),
                    alarm.siteId(), alarm.zoneId(), suspended.isEmpty() ? null : suspended.get(0), alarm.deviceId(),
                    alarm.at()));
        }
        LOG.info("alarm {} {} at {}/{} level {}: sounded {}, suspended {}", alarm.source(), alarm.kind(),
                alarm.siteId(), alarm.zoneId(), alarm.level(), sounded, suspended);
        return new Response(alarm.level(), sounded, suspended, doorCommands, notified);
    }

    private List<String> soundAndLight(Alarm alarm) {
        List<String> devices = new ArrayList<>();
        index.devicesIn(alarm.siteId(), alarm.zoneId(), "ALARM").forEach(d -> devices.add(d.deviceId()));
        if (devices.isEmpty() && alarm.deviceId() != null) {
            devices.add(alarm.deviceId());
        }
        for (String device : devices) {
            ObjectNode command = mapper.createObjectNode();
            command.put("command", "ALARM_ON");
            command.put("level", alarm.level());
            command.put("source", alarm.source());
            command.put("kind", alarm.kind());
            command.put("siteId", alarm.siteId());
            command.put("zoneId", alarm.zoneId());
            command.put("at", alarm.at().toString());
            producer.sendBodyAndHeader(ALARM_COMMAND, command.toString(), "CamelPahoMqtt5OverrideTopic",
                    "site/" + alarm.siteId() + "/alarm/" + device + "/cmd");
        }
        return devices;
    }

    private boolean suspend(Alarm alarm, AccessIndex.PermitEntry permit) {
        String reason = alarm.source() + " alarm " + alarm.kind() + " in zone " + alarm.zoneId() + ": " + alarm.detail()
                + " (" + clause(alarm) + ")";
        CommandAnswer answer = permits.handle(PermitCommandService.SYSTEM,
                new IntakeCommand.Act(permit.permitNo(), ActionType.SUSPEND, Map.of("reason", reason)),
                Optional.empty(), "HUB");
        index.refresh(permit.permitNo());
        if (!answer.accepted()) {
            LOG.info("SUSPEND of {} after alarm refused: {}", permit.permitNo(), answer.body());
        }
        return answer.accepted();
    }

    private static String clause(Alarm alarm) {
        // GB 30871-2022 §5.3.1d / §6.5: monitoring finds the atmosphere unsafe -> stop work, leave
        return "GAS".equals(alarm.source()) ? "GB30871-2022 §5.3.1d, §6.5" : "GB30871-2022 §4.10";
    }

    /** @param locking the zone's ACTIVE permits this alarm suspends (level 3), or none */
    private String notification(Alarm alarm, List<String> locking) {
        ObjectNode body = mapper.createObjectNode();
        body.put("channel", "site-managers");
        body.put("siteId", alarm.siteId());
        body.put("zoneId", alarm.zoneId());
        body.put("source", alarm.source());
        body.put("kind", alarm.kind());
        body.put("level", alarm.level());
        body.put("deviceId", alarm.deviceId());
        body.put("detail", alarm.detail());
        body.put("at", alarm.at().toString());
        body.set("lockingPermits", mapper.valueToTree(locking));
        return body.toString();
    }

    private static String required(JsonNode json, String field) {
        String value = json.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new SiteMessageRejected("FIELD_MISSING", field + " is required");
        }
        return value;
    }
}
