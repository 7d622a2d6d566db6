package org.permithub.hub.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.ProducerTemplate;
import org.permithub.core.permit.PermitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants and revocations for the door controllers of a permit's zone. Each command is stored
 * ({@code door_commands}) before it is published on {@code site/{siteId}/door/{doorId}/cmd} (QoS 1),
 * so a failed publish is retried and a controller that comes back says hello and gets the newest
 * command of every permit it missed.
 */
@Component
public class DoorCommands {

    private static final Logger LOG = LoggerFactory.getLogger(DoorCommands.class);
    /** The route that publishes one command (routes/site-doors.camel.yaml). */
    static final String PUBLISH = "direct:door-command-publish";
    private static final Set<PermitState> REVOKING = Set.of(PermitState.SUSPENDED, PermitState.COMPLETED,
            PermitState.EXPIRED, PermitState.CANCELLED, PermitState.ARCHIVED);

    private final JdbcTemplate jdbc;
    private final AccessIndex index;
    private final ObjectMapper mapper;
    private final ProducerTemplate producer;
    private final TransactionTemplate tx;

    public DoorCommands(JdbcTemplate jdbc, AccessIndex index, ObjectMapper mapper, ProducerTemplate producer,
            TransactionTemplate tx) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.index = index;
        this.mapper = mapper;
        this.producer = producer;
    }

    /** GRANT when a permit becomes ACTIVE, REVOKE when it stops being so; nothing for other states. */
    public static String commandFor(PermitState state) {
        if (state == PermitState.ACTIVE) {
            return "GRANT";
        }
        return REVOKING.contains(state) ? "REVOKE" : null;
    }

    /**
     * Stores and publishes the command for every door of the zone. A door whose newest command for
     * this permit is already the same gets nothing (the alarm path and the event path both call this).
     */
    public int issue(String siteId, String zoneId, String permitNo, String command, Set<String> workers) {
        int issued = 0;
        for (AccessIndex.Device door : index.devicesIn(siteId, zoneId, "DOOR")) {
            List<String> newest = jdbc.queryForList("""
                    select command from door_commands where door_id = ? and permit_no = ? order by id desc limit 1""",
                    String.class, door.deviceId(), permitNo);
            if (!newest.isEmpty() && newest.get(0).equals(command)) {
                continue;
            }
            ObjectNode payload = mapper.createObjectNode();
            payload.put("command", command);
            payload.put("permitNo", permitNo);
            payload.put("siteId", siteId);
            payload.put("zoneId", zoneId);
            payload.put("doorId", door.deviceId());
            payload.set("workers", mapper.valueToTree(new ArrayList<>(new java.util.TreeSet<>(workers))));
            payload.put("issuedAt", Instant.now().toString());
            Long id = jdbc.queryForObject("""
                    insert into door_commands (site_id, door_id, permit_no, command, payload)
                    values (?, ?, ?, ?, ?::jsonb) returning id""", Long.class,
                    siteId, door.deviceId(), permitNo, command, payload.toString());
            payload.put("commandId", id);
            publish(id, siteId, door.deviceId(), payload.toString());
            issued++;
        }
        return issued;
    }

    /** A controller said hello: the newest command of each permit for its door, sent again (last day). */
    public int resend(String doorId) {
        var rows = jdbc.queryForList("""
                select distinct on (permit_no) id, site_id, payload::text as payload from door_commands
                 where door_id = ? and created_at > now() - interval '1 day'
                 order by permit_no, id desc""", doorId);
        for (var row : rows) {
            long id = ((Number) row.get("id")).longValue();
            publish(id, (String) row.get("site_id"), doorId, withId(id, (String) row.get("payload")));
        }
        return rows.size();
    }

    /** Commands whose publish failed (broker down) are sent again; called by a timer route. */
    public int retryUnsent() {
        var rows = jdbc.queryForList("""
                select id, site_id, door_id, payload::text as payload from door_commands
                 where sent_at is null and created_at < now() - interval '2 seconds' order by id limit 500""");
        for (var row : rows) {
            long id = ((Number) row.get("id")).longValue();
            publish(id, (String) row.get("site_id"), (String) row.get("door_id"), withId(id, (String) row.get("payload")));
        }
        return rows.size();
    }

    private String withId(long id, String payload) {
        try {
            ObjectNode node = (ObjectNode) mapper.readTree(payload);
            node.put("commandId", id);
            return node.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(long id, String siteId, String doorId, String payload) {
        try {
            producer.sendBodyAndHeader(PUBLISH, payload, "CamelPahoMqtt5OverrideTopic",
                    "site/" + siteId + "/door/" + doorId + "/cmd");
            // only a hint for the retry timer (a command sent twice is harmless), so no disk flush is waited for
            tx.executeWithoutResult(status -> {
                jdbc.execute("set local synchronous_commit = off");
                jdbc.update("update door_commands set sent_at = now() where id = ? and sent_at is null", id);
            });
        } catch (RuntimeException e) {
            // stays unsent; the retry timer sends it when the broker is back
            LOG.warn("door command {} for {} not published yet: {}", id, doorId, e.getMessage());
        }
    }
}
