package org.permithub.connectors.govplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.permithub.core.approval.ApprovalRecord;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.gas.EvaluatedReading;
import org.permithub.core.gas.GasTestRecord;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;

/**
 * Maps a stored permit action to the park platform's records (domain-rules.md §2.2): the ticket as
 * it stands after the action (a full upsert, so the platform never depends on having seen the
 * previous one), then the child records the action created (gas analyses, an approval, safety
 * measures). Every id is derived from the permit number or the action id, so the same action always
 * yields the same records and a resend is an idempotent upsert. Tickets also carry
 * {@code dataVersion} (the permit's version) so the platform can ignore a stale one.
 */
public final class ParkPlatformMapper {

    /** The platform's timestamp format. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ObjectMapper mapper;
    private final ZoneId zone;

    /** @param zone the zone the platform's local timestamps are written in (China: Asia/Shanghai) */
    public ParkPlatformMapper(ObjectMapper mapper, ZoneId zone) {
        this.mapper = mapper;
        this.zone = zone;
    }

    /** The action a record set is made for. */
    public record Action(UUID actionId, ActionType type, long version, String actor, Instant occurredAt,
                         JsonNode data) {}

    /** The stable id of a permit's ticket on the platform. */
    public static String ticketId(String permitNo) {
        return stableId("ticket/" + permitNo);
    }

    /** A 32-character id derived from {@code name} (name-based UUID without dashes). */
    public static String stableId(String name) {
        return UUID.nameUUIDFromBytes(("permit-hub/" + name).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }

    public String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant.atZone(zone));
    }

    /** The ticket first, then the action's children; all in the order they must reach the platform. */
    public List<PlatformRecord> records(Permit after, Action action) {
        List<PlatformRecord> records = new ArrayList<>();
        records.add(ticket(after, action));
        switch (action.type()) {
            case GAS_TEST -> records.addAll(gasAnalyses(after, action));
            case APPROVE -> approval(after, action, records);
            case CONFIRM_ISOLATION -> records.addAll(isolationMeasures(after, action));
            default -> { }
        }
        return records;
    }

    PlatformRecord ticket(Permit p, Action action) {
        PermitApplication a = p.application();
        String id = ticketId(p.permitNo());
        ObjectNode t = mapper.createObjectNode();
        t.put("id", id);
        t.put("companyCode", a.enterpriseCode());
        t.put("ticketNo", p.permitNo());
        t.put("ticketType", ParkPlatformTables.ticketType(a.workType()));
        t.put("ticketStatus", ticketStatus(p.state()));
        t.put("ticket_level", level(p.effectiveGrade()));
        t.put("issueTime", timestamp(p.appliedAt()));
        t.put("planStartTime", timestamp(a.plannedStart()));
        t.put("planEndTime", timestamp(a.plannedEnd()));
        t.put("startTime", timestamp(p.activeSince()));
        if (p.state() == PermitState.COMPLETED || p.state() == PermitState.ARCHIVED) {
            t.put("endTime", timestamp(p.updatedAt()));
        }
        if (a.location() != null) {
            t.put("ticketPosition", a.location().zoneId());
            t.put("workAreaCode", a.siteId() + "/" + a.location().zoneId());
            t.put("longitude", BigDecimal.valueOf(a.location().lon()).toPlainString());
            t.put("latitude", BigDecimal.valueOf(a.location().lat()).toPlainString());
        } else {
            t.put("workAreaCode", a.siteId());
        }
        t.put("ticketContent", a.content());
        t.put("supervisorName", a.guardianId());
        t.put("workerName", String.join(",", a.workers()));
        boolean changed = p.invalidation() != null || action.type() == ActionType.CHANGE;
        t.put("isChanged", changed ? 1 : 0);
        if (p.invalidation() != null) {
            t.put("changedCause", p.invalidation().description());
        }
        boolean cancelled = p.state() == PermitState.CANCELLED;
        t.put("isCancelled", cancelled ? 1 : 0);
        if (cancelled && action.type() == ActionType.CANCEL && action.data() != null
                && action.data().hasNonNull("reason")) {
            t.put("cancelledCause", action.data().get("reason").asText());
        }
        if (action.type() == ActionType.COMPLETE && action.data() != null && action.data().hasNonNull("acceptedBy")) {
            t.put("checkedPerson", action.data().get("acceptedBy").asText());
            t.put("checkedTime", timestamp(action.occurredAt()));
        }
        typeSpecific(a, p, t);
        t.put("deleted", 0);
        t.put("createDate", timestamp(p.appliedAt()));
        t.put("createBy", "permit-hub");
        t.put("updateDate", timestamp(action.occurredAt()));
        t.put("updateBy", action.actor());
        t.put("dataVersion", p.version());
        return new PlatformRecord(ParkPlatformTables.ticketTable(a.workType()), id, t);
    }

    private static void typeSpecific(PermitApplication a, Permit p, ObjectNode t) {
        var d = a.details();
        switch (a.workType()) {
            case HOT_WORK -> {
                t.put("fireLevel", level(p.effectiveGrade()));
                t.put("fireLocation", a.location() == null ? null : a.location().zoneId());
                t.put("firePerson", String.join(",", a.workers()));
            }
            case CONFINED_SPACE -> t.put("spaceName", d.confinedSpaceId());
            case WORK_AT_HEIGHT -> {
                t.put("highLevel", level(p.effectiveGrade()));
                if (d.workingHeightM() != null) {
                    t.put("highHeight", d.workingHeightM());
                }
            }
            case LIFTING -> {
                t.put("hoistingLevel", level(p.effectiveGrade()));
                if (d.liftLoadTonnes() != null) {
                    t.put("hoistingWeight", d.liftLoadTonnes());
                }
            }
            case BLIND_PLATE -> {
                t.put("pipingName", d.pipeId());
                t.put("plateCode", String.join(",", d.blindPlateNumbers()));
                t.put("blindPlateType", d.blindPlateAction() == null ? null : d.blindPlateAction().name());
            }
            default -> { }
        }
    }

    private List<PlatformRecord> gasAnalyses(Permit p, Action action) {
        GasTestRecord test = p.lastGasTest();
        if (test == null) {
            return List.of();
        }
        String ticketId = ticketId(p.permitNo());
        JsonNode submitted = action.data() == null ? null : action.data().get("readings");
        List<PlatformRecord> records = new ArrayList<>();
        for (int i = 0; i < test.readings().size(); i++) {
            EvaluatedReading reading = test.readings().get(i);
            String id = stableId("gas/" + action.actionId() + "/" + i);
            ObjectNode g = mapper.createObjectNode();
            g.put("id", id);
            g.put("ticketID", ticketId);
            g.put("ticketType", ParkPlatformTables.ticketType(p.application().workType()));
            g.put("gasType", gasType(reading.gas()));
            g.put("gasName", reading.gas());
            g.put("analysisResults", reading.value() == null ? null : reading.value().toPlainString());
            g.put("resultsUnit", reading.unit() == null ? null : reading.unit().name());
            g.put("analyst", test.analystId());
            g.put("analystTime", timestamp(reading.sampledAt()));
            JsonNode raw = submitted != null && submitted.size() > i ? submitted.get(i) : null;
            g.put("analystPart", raw != null && raw.hasNonNull("samplePoint") ? raw.get("samplePoint").asText() : null);
            g.put("isQualified", reading.passed() ? 1 : 0);
            g.put("deleted", 0);
            g.put("createDate", timestamp(action.occurredAt()));
            records.add(new PlatformRecord(ParkPlatformTables.GAS_ANALYSIS, id, g));
        }
        return records;
    }

    private void approval(Permit p, Action action, List<PlatformRecord> records) {
        if (p.approvals().isEmpty()) {
            return;
        }
        ApprovalRecord signed = p.approvals().get(p.approvals().size() - 1);
        String id = stableId("approval/" + action.actionId());
        ObjectNode r = mapper.createObjectNode();
        r.put("id", id);
        r.put("ticketId", ticketId(p.permitNo()));
        r.put("processNodes", approverNode(signed.role()));
        r.put("processPersonnel", signed.approverId());
        r.put("processOpinion", "同意");
        r.put("processTime", timestamp(signed.signedAt()));
        if (signed.position() != null) {
            r.put("longitude", BigDecimal.valueOf(signed.position().lon()).toPlainString());
            r.put("latitude", BigDecimal.valueOf(signed.position().lat()).toPlainString());
        }
        r.put("deleted", 0);
        r.put("createDate", timestamp(action.occurredAt()));
        records.add(new PlatformRecord(ParkPlatformTables.APPROVAL, id, r));
    }

    private List<PlatformRecord> isolationMeasures(Permit p, Action action) {
        JsonNode data = action.data();
        if (data == null || !data.has("pointIds")) {
            return List.of();
        }
        String method = data.path("method").asText("");
        List<PlatformRecord> records = new ArrayList<>();
        int serial = 0;
        for (JsonNode point : data.get("pointIds")) {
            serial++;
            String id = stableId("measure/" + action.actionId() + "/" + point.asText());
            ObjectNode m = mapper.createObjectNode();
            m.put("id", id);
            m.put("ticketId", ticketId(p.permitNo()));
            m.put("serialNumber", serial);
            // GB 30871-2022 §4.2b: isolation is a safety measure confirmed before work
            m.put("measuresContent", "隔离点 " + point.asText() + " 已隔离（" + isolationMethod(method) + "）");
            m.put("isInvolve", 1);
            m.put("confirmPerson", data.path("confirmedBy").asText(action.actor()));
            m.put("deleted", 0);
            m.put("createDate", timestamp(action.occurredAt()));
            records.add(new PlatformRecord(ParkPlatformTables.SAFETY_MEASURES, id, m));
        }
        return records;
    }

    /** Status codes used for {@code ticketStatus}; the platform documents none, see connectors/README.md. */
    static String ticketStatus(PermitState state) {
        return switch (state) {
            case APPLIED -> "01";      // 申请中
            case APPROVED, GAS_TESTED -> "02"; // 已审批，待作业
            case ACTIVE -> "03";       // 作业中
            case SUSPENDED -> "04";    // 暂停
            case COMPLETED, ARCHIVED -> "05"; // 已验收
            case CANCELLED -> "06";    // 已取消
            case EXPIRED -> "07";      // 已失效
        };
    }

    /** The grade as written on the permit form. */
    public static String level(Grade grade) {
        if (grade == null) {
            return null;
        }
        return switch (grade) {
            case SPECIAL -> "特级";
            case GRADE_1 -> "一级";
            case GRADE_2 -> "二级";
            case GRADE_3 -> "三级";
            case CLASS_I -> "Ⅰ级";
            case CLASS_II -> "Ⅱ级";
            case CLASS_III -> "Ⅲ级";
            case CLASS_IV -> "Ⅳ级";
        };
    }

    private static String gasType(String gas) {
        if ("O2".equalsIgnoreCase(gas)) {
            return "氧含量";
        }
        return switch (gas.toUpperCase(java.util.Locale.ROOT)) {
            case "CH4", "C3H8", "H2", "C2H4", "C2H2", "C4H10", "LEL" -> "可燃气体";
            default -> "有毒有害气体";
        };
    }

    private static String approverNode(ApproverRole role) {
        return switch (role) {
            case SENIOR_LEADER -> "主要负责人审批";
            case SAFETY_DEPARTMENT -> "安全管理部门审批";
            case LOCAL_UNIT -> "所在单位审批";
            case SPECIALIST_DEPARTMENT -> "专业部门审批";
            case PLANT_MANAGER_OR_CHIEF_ENGINEER -> "厂长或总工程师审批";
            case POWER_SUPPLY_UNIT -> "供电单位审批";
            case SHIFT_LEADER -> "当班班长确认";
            case FIRE_DEPARTMENT -> "消防部门审批";
            case WORK_LEADER -> "作业负责人确认";
        };
    }

    private static String isolationMethod(String method) {
        return switch (method) {
            case "BLIND_PLATE" -> "加盲板";
            case "PIPE_SPOOL_REMOVED" -> "拆除管段";
            case "ELECTRICAL_LOCKOUT" -> "断电上锁挂牌";
            case "OPENING_SEALED" -> "封堵开口";
            default -> method;
        };
    }
}
