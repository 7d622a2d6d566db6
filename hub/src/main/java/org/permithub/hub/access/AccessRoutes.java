package org.permithub.hub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.hub.permit.IntakeParser;
import org.permithub.hub.site.ReferenceDataStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Binds {@code openapi/access.yaml} (door decisions) and the admin operations that register door
 * controllers, detectors, cameras, alarms and access cards ({@code openapi/admin.yaml}).
 */
@Component
class AccessRoutes extends RouteBuilder {

    private static final Set<String> KINDS = Set.of("DOOR", "GAS_DETECTOR", "CAMERA", "ALARM");
    private static final String BASELINE = "{\"allow\":false,\"reasonCode\":\"BASELINE\"}";

    private final DoorDecisions decisions;
    private final AccessIndex index;
    private final ReferenceDataStore reference;
    private final IntakeParser parser;
    private final ObjectMapper mapper;
    private final JdbcTemplate jdbc;

    AccessRoutes(DoorDecisions decisions, AccessIndex index, ReferenceDataStore reference, IntakeParser parser,
            ObjectMapper mapper, JdbcTemplate jdbc) {
        this.decisions = decisions;
        this.index = index;
        this.reference = reference;
        this.parser = parser;
        this.mapper = mapper;
        this.jdbc = jdbc;
    }

    @Override
    public void configure() {
        rest().openApi().specification("openapi/access.yaml").missingOperation("fail");

        from("direct:decideDoorAccess").routeId("decideDoorAccess").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::decide);
        from("direct:accessBaseline").routeId("accessBaseline").routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> JsonResponses.writeRaw(exchange, 200, "application/json", BASELINE));
        from("direct:putSiteDevice").routeId("putSiteDevice").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::putDevice);
        from("direct:putAccessCard").routeId("putAccessCard").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::putCard);
    }

    private void decide(Exchange exchange) throws Exception {
        AccessIndex.Device door = device(exchange);
        JsonNode body = parser.readJson(exchange.getIn().getBody(String.class));
        String cardId = text(body, "cardId");
        String workerId = text(body, "workerId");
        String zoneId = text(body, "zoneId");
        String direction = text(body, "direction");
        if (cardId == null && workerId == null) {
            throw ApiProblem.invalidField("cardId", "cardId or workerId is required");
        }
        if (zoneId == null) {
            throw ApiProblem.invalidField("zoneId", "is required");
        }
        if (!"IN".equals(direction) && !"OUT".equals(direction)) {
            throw ApiProblem.invalidField("direction", "must be IN or OUT");
        }
        Instant at = instant(body, "at");
        DoorDecisions.Decision decision = zoneId.equals(door.zoneId())
                ? decisions.decide(new DoorDecisions.Request(cardId, workerId, door.siteId(), zoneId, direction,
                        at == null ? Instant.now() : at))
                : DoorDecisions.Decision.deny(DoorDecisions.Reason.DOOR_NOT_FOR_ZONE, null, workerId);
        ObjectNode answer = mapper.createObjectNode();
        answer.put("allow", decision.allow());
        answer.put("reasonCode", decision.reasonCode().name());
        if (decision.permitNo() != null) {
            answer.put("permitNo", decision.permitNo());
        }
        if (decision.personId() != null) {
            answer.put("personId", decision.personId());
        }
        JsonResponses.writeRaw(exchange, 200, "application/json", answer.toString());
    }

    private static AccessIndex.Device device(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        Object device = message == null ? null : message.getRequest().getAttribute(DeviceSecurityConfig.DEVICE_ATTRIBUTE);
        if (device instanceof AccessIndex.Device door) {
            return door;
        }
        throw new ApiProblem(401, "DEVICE_KEY_INVALID", "Unauthorized", "a registered door controller's key is required");
    }

    private void putDevice(Exchange exchange) throws Exception {
        String siteId = exchange.getIn().getHeader("siteId", String.class);
        String deviceId = exchange.getIn().getHeader("deviceId", String.class);
        JsonNode body = parser.readJson(exchange.getIn().getBody(String.class));
        String zoneId = text(body, "zoneId");
        String kind = text(body, "kind");
        if (zoneId == null) {
            throw ApiProblem.invalidField("zoneId", "is required");
        }
        if (kind == null || !KINDS.contains(kind)) {
            throw ApiProblem.invalidField("kind", "must be one of " + KINDS);
        }
        if (deviceId.contains(".")) {
            throw ApiProblem.invalidField("deviceId", "must not contain '.'");
        }
        if (!reference.siteExists(siteId)) {
            throw ApiProblem.notFound("SITE_NOT_FOUND", "no site " + siteId);
        }
        Integer maxOccupants = body.hasNonNull("maxOccupants") ? body.get("maxOccupants").asInt() : null;
        if (maxOccupants != null && maxOccupants < 1) {
            throw ApiProblem.invalidField("maxOccupants", "must be at least 1");
        }
        // a door gets a new key at every registration; the old one stops working at once
        String key = "DOOR".equals(kind) ? DeviceKeys.newKey(deviceId) : null;
        String hash = key == null ? null : DeviceKeys.hash(key);
        jdbc.update("""
                insert into site_devices (device_id, site_id, zone_id, kind, max_occupants, key_hash)
                values (?, ?, ?, ?, ?, ?)
                on conflict (device_id) do update set site_id = excluded.site_id, zone_id = excluded.zone_id,
                    kind = excluded.kind, max_occupants = excluded.max_occupants, key_hash = excluded.key_hash,
                    registered_at = now()""", deviceId, siteId, zoneId, kind, maxOccupants, hash);
        index.putDevice(new AccessIndex.Device(deviceId, siteId, zoneId, kind, maxOccupants, hash));
        ObjectNode answer = mapper.createObjectNode();
        answer.put("deviceId", deviceId);
        answer.put("siteId", siteId);
        answer.put("zoneId", zoneId);
        answer.put("kind", kind);
        if (key != null) {
            answer.put("deviceKey", key);
        }
        JsonResponses.write(exchange, mapper, 200, answer);
    }

    private void putCard(Exchange exchange) throws Exception {
        String cardId = exchange.getIn().getHeader("cardId", String.class);
        JsonNode body = parser.readJson(exchange.getIn().getBody(String.class));
        String personId = text(body, "personId");
        if (personId == null) {
            throw ApiProblem.invalidField("personId", "is required");
        }
        LocalDate validUntil;
        try {
            validUntil = body.hasNonNull("validUntil") ? LocalDate.parse(body.get("validUntil").asText()) : null;
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField("validUntil", "must be a date (YYYY-MM-DD)");
        }
        boolean revoked = body.path("revoked").asBoolean(false);
        jdbc.update("""
                insert into access_cards (card_id, person_id, valid_until, revoked) values (?, ?, ?, ?)
                on conflict (card_id) do update set person_id = excluded.person_id, valid_until = excluded.valid_until,
                    revoked = excluded.revoked, updated_at = now()""",
                cardId, personId, validUntil == null ? null : java.sql.Date.valueOf(validUntil), revoked);
        index.putCard(new AccessIndex.Card(cardId, personId, validUntil, revoked));
        JsonResponses.write(exchange, mapper, 200, Map.of("cardId", cardId, "personId", personId));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode body, String field) {
        String text = text(body, field);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be an RFC 3339 date-time");
        }
    }
}
