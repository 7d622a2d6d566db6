package org.permithub.connectors.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.permithub.core.enterprise.CreditCode;

/**
 * Reads the ERP's JSON (HR, purchasing and finance views with Chinese field names):
 * {@code {"code":"0","data":{"rows":[...]}}}. Each row becomes an {@link ErpRecord} or a refusal
 * (an invalid 统一社会信用代码, a missing key). ID-card numbers never leave this class in clear:
 * they are masked (first 6, last 4) and hashed (SHA-256).
 */
public final class ErpPayloads {

    /** The rows of one answer: the records read and the rows refused, with why. */
    public record Batch(List<ErpRecord> records, List<String> refused) {}

    private final ObjectMapper mapper;

    public ErpPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The ERP resource paths, {@code /api/erp/v1/<resource>}. */
    public static ErpRecord.Kind kindOf(String resource) {
        return switch (resource) {
            case "employees" -> ErpRecord.Kind.EMPLOYEE;
            case "contractors" -> ErpRecord.Kind.CONTRACTOR;
            case "cost-centres" -> ErpRecord.Kind.COST_CENTRE;
            default -> throw new IllegalArgumentException("unknown ERP resource " + resource);
        };
    }

    /** A pull answer of one resource. */
    public Batch rows(ErpRecord.Kind kind, String body) {
        JsonNode reply;
        try {
            reply = mapper.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new MalformedErpReply("not JSON");
        }
        if (reply == null || !"0".equals(reply.path("code").asText()) || !reply.path("data").path("rows").isArray()) {
            throw new MalformedErpReply("unexpected reply " + (body.length() > 120 ? body.substring(0, 120) : body));
        }
        List<ErpRecord> records = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode row : reply.get("data").get("rows")) {
            try {
                records.add(record(kind, row));
            } catch (IllegalArgumentException e) {
                refused.add(e.getMessage());
            }
        }
        return new Batch(records, refused);
    }

    /** One row in the ERP's shape; IllegalArgumentException says why it is refused. */
    public ErpRecord record(ErpRecord.Kind kind, JsonNode row) {
        ObjectNode fields = mapper.createObjectNode();
        return switch (kind) {
            case EMPLOYEE -> {
                String no = required(row, "员工编号");
                copy(row, fields, "姓名", "name");
                copy(row, fields, "部门", "department");
                copy(row, fields, "岗位", "position");
                copy(row, fields, "成本中心", "costCentre");
                copy(row, fields, "在职状态", "employmentStatus");
                copy(row, fields, "手机号", "mobile");
                String contractor = text(row, "所属单位统一社会信用代码");
                if (contractor != null) {
                    contractor = contractor.trim().toUpperCase(Locale.ROOT);
                    if (!CreditCode.isValid(contractor)) {
                        throw new IllegalArgumentException("employee " + no + ": invalid 统一社会信用代码 " + contractor);
                    }
                    fields.put("contractorCode", contractor);
                }
                String idCard = text(row, "身份证号");
                if (idCard != null) {
                    fields.put("idCardMasked", maskIdCard(idCard));
                    fields.put("idCardSha256", sha256(idCard.trim().toUpperCase(Locale.ROOT)));
                }
                yield new ErpRecord(kind, no, required(row, "姓名"), fields);
            }
            case CONTRACTOR -> {
                String code = required(row, "统一社会信用代码").trim().toUpperCase(Locale.ROOT);
                if (!CreditCode.isValid(code)) {
                    throw new IllegalArgumentException("contractor: invalid 统一社会信用代码 " + code);
                }
                copy(row, fields, "单位名称", "name");
                copy(row, fields, "法定代表人", "legalRepresentative");
                copy(row, fields, "安全生产许可证号", "safetyLicenceNo");
                copy(row, fields, "资质等级", "qualification");
                copy(row, fields, "合同有效期至", "contractValidUntil");
                copy(row, fields, "状态", "status");
                yield new ErpRecord(kind, code, required(row, "单位名称"), fields);
            }
            case COST_CENTRE -> {
                String code = required(row, "成本中心编码");
                copy(row, fields, "成本中心名称", "name");
                copy(row, fields, "所属公司", "company");
                copy(row, fields, "负责人", "owner");
                yield new ErpRecord(kind, code, required(row, "成本中心名称"), fields);
            }
        };
    }

    /** 370602198001011234 → 370602********1234 (the hub never shows or logs a full ID-card number). */
    public static String maskIdCard(String idCard) {
        String id = idCard.trim();
        if (id.length() < 10) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String required(JsonNode row, String field) {
        String value = text(row, field);
        if (value == null) {
            throw new IllegalArgumentException("row without " + field);
        }
        return value;
    }

    private static void copy(JsonNode row, ObjectNode fields, String erp, String hub) {
        String value = text(row, erp);
        if (value != null) {
            fields.put(hub, value);
        }
    }

    /** The ERP answered something the hub cannot read. */
    public static final class MalformedErpReply extends RuntimeException {
        public MalformedErpReply(String message) {
            super(message);
        }
    }
}
