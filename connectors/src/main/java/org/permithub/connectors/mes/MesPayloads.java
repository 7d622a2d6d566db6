package org.permithub.connectors.mes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the plant MES's JSON (Chinese field names, local {@code yyyy-MM-dd HH:mm:ss} times):
 * the isolation points of a work ticket and the units' run status. A body that does not have the
 * expected shape throws {@link MalformedMesReply}: a connector failure, retried later.
 */
public final class MesPayloads {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** MES evidence fields and the hub's names for them. */
    private static final Map<String, String> EVIDENCE = Map.of(
            "隔离方式", "method",
            "上锁人", "lockedBy",
            "锁具编号", "lockNo",
            "验证人", "verifiedBy",
            "验证方式", "verification",
            "解除人", "removedBy",
            "照片", "photos",
            "能量类型", "energyType");

    /** A unit's run status (装置运行状态). */
    public record UnitStatus(String unitCode, String unitName, String runStatus, boolean testing, Instant reportedAt) {}

    private final ObjectMapper mapper;
    private final ZoneId zone;

    public MesPayloads(ObjectMapper mapper, ZoneId zone) {
        this.mapper = mapper;
        this.zone = zone;
    }

    /** {@code GET /api/mes/v1/work-tickets/{ticketNo}/isolation-points}. */
    public List<IsolationPointReport> isolationPoints(String permitNo, String body) {
        JsonNode data = data(body);
        JsonNode points = data.path("隔离点");
        if (!points.isArray()) {
            throw new MalformedMesReply("no 隔离点 array for " + permitNo);
        }
        List<IsolationPointReport> reports = new ArrayList<>();
        for (JsonNode point : points) {
            reports.add(point(permitNo, point));
        }
        return reports;
    }

    /** One point in MES's shape. */
    public IsolationPointReport point(String permitNo, JsonNode point) {
        String pointId = text(point, "隔离点编号");
        IsolationStatus status = IsolationStatus.fromMes(text(point, "状态"))
                .orElseThrow(() -> new MalformedMesReply("unknown 状态 " + point.path("状态") + " of " + pointId));
        if (!point.path("版本").canConvertToLong()) {
            throw new MalformedMesReply("版本 of " + pointId + " is not a number");
        }
        ObjectNode evidence = mapper.createObjectNode();
        EVIDENCE.forEach((mes, hub) -> {
            if (point.hasNonNull(mes)) {
                evidence.set(hub, point.get(mes));
            }
        });
        return new IsolationPointReport(permitNo, pointId, status, point.get("版本").asLong(),
                time(text(point, "更新时间")), evidence);
    }

    /** {@code GET /api/mes/v1/units/run-status}. */
    public List<UnitStatus> unitStatus(String body) {
        JsonNode units = data(body).path("装置");
        if (!units.isArray()) {
            throw new MalformedMesReply("no 装置 array");
        }
        List<UnitStatus> list = new ArrayList<>();
        for (JsonNode unit : units) {
            list.add(new UnitStatus(text(unit, "装置编码"), unit.path("装置名称").asText(null), text(unit, "运行状态"),
                    unit.path("是否试生产").asBoolean(false), time(text(unit, "更新时间"))));
        }
        return list;
    }

    private JsonNode data(String body) {
        JsonNode reply;
        try {
            reply = mapper.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new MalformedMesReply("not JSON");
        }
        if (reply == null || reply.path("code").asInt(-1) != 0 || !reply.path("data").isObject()) {
            throw new MalformedMesReply("unexpected reply " + (body.length() > 120 ? body.substring(0, 120) : body));
        }
        return reply.get("data");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new MalformedMesReply("missing " + field);
        }
        return value.asText();
    }

    private Instant time(String local) {
        try {
            return LocalDateTime.parse(local, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedMesReply("bad time " + local);
        }
    }

    /** MES answered something the hub cannot read. */
    public static final class MalformedMesReply extends RuntimeException {
        public MalformedMesReply(String message) {
            super(message);
        }
    }
}
