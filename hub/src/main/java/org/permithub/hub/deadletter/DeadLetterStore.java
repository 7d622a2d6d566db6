package org.permithub.hub.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permithub.hub.events.PermitEvents;
import org.permithub.hub.outbox.OutboxWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Dead letters in PostgreSQL, each also queued (same transaction) for Kafka {@code connector.dlq}. */
@Component
public class DeadLetterStore {

    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;
    private final PermitEvents events;

    public DeadLetterStore(JdbcTemplate jdbc, OutboxWriter outbox, ObjectMapper mapper, PermitEvents events) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.mapper = mapper;
        this.events = events;
    }

    @Transactional
    public void park(DeadLetter letter) {
        jdbc.update("""
                insert into connector_dead_letters
                    (id, connector, route_id, replay_uri, body, headers, reason, failed_at, replay_of)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""",
                letter.id(), letter.connector(), letter.routeId(), letter.replayUri(), letter.body(),
                json(letter.headers()), letter.reason(), Timestamp.from(letter.failedAt()), letter.replayOf());
        outbox.add(OutboxWriter.CONNECTOR_DLQ, letter.connector(), letter.id(), events.toJson(letter.id().toString(),
                URI.create("/permit-hub/connectors/" + letter.connector()), "permit-hub.connector.dead-letter",
                letter.connector(), letter.failedAt(), letter));
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.query("select * from connector_dead_letters where id = ?", this::row, id).stream().findFirst();
    }

    /** Parked (not yet replayed) letters first, newest first. */
    public List<DeadLetter> list(String connector, boolean parkedOnly, int limit) {
        return jdbc.query("""
                select * from connector_dead_letters
                 where (?::text is null or connector = ?)
                   and (not ? or replayed_at is null)
                 order by failed_at desc, id
                 limit ?""", this::row, connector, connector, parkedOnly, limit);
    }

    /** Marks a letter replayed; false when it already was (a replay is sent once). */
    public boolean markReplayed(UUID id, String by) {
        return jdbc.update("update connector_dead_letters set replayed_at = now(), replayed_by = ?"
                + " where id = ? and replayed_at is null", by, id) == 1;
    }

    private DeadLetter row(ResultSet rs, int n) throws SQLException {
        Timestamp replayedAt = rs.getTimestamp("replayed_at");
        return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("connector"), rs.getString("route_id"),
                rs.getString("replay_uri"), rs.getString("body"), headers(rs.getString("headers")),
                rs.getString("reason"), rs.getTimestamp("failed_at").toInstant(),
                rs.getObject("replay_of", UUID.class), replayedAt == null ? null : replayedAt.toInstant(),
                rs.getString("replayed_by"));
    }

    private Map<String, Object> headers(String json) {
        try {
            return new LinkedHashMap<>(mapper.readValue(json, HEADERS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored dead-letter headers are not JSON", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write dead letter as JSON", e);
        }
    }
}
