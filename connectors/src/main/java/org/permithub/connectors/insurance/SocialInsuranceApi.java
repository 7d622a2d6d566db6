package org.permithub.connectors.insurance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.permithub.connectors.ConnectorUnavailableException;
import org.permithub.connectors.HttpAnswer;

/**
 * The wire format of the social-insurance check (社保参保核验), as a provincial human-resources
 * and social-security data-sharing interface would offer it; the address is configuration.
 *
 * <pre>
 * POST {baseUrl}/api/sbhc/v1/insured-status   X-App-Key: ...
 * {"身份证号码": "3706...", "姓名": "张三", "险种类型": "工伤保险"}
 * → 200 {"code": "0000", "message": "成功", "data": {"姓名", "参保单位", "参保状态",
 *        "险种列表": [{"险种类型": "工伤保险", "参保状态": "参保缴费", "参保开始日期", "参保截止日期"}]}}
 * → 200 {"code": "1004", "message": "未查询到参保信息", "data": null}    (business answer: not insured)
 * → 429 + Retry-After, 5xx                                              (try later)
 * </pre>
 */
public final class SocialInsuranceApi {

    public static final String SYSTEM = "social-insurance";
    public static final String PATH = "/api/sbhc/v1/insured-status";
    private static final String WORK_INJURY = "工伤保险";

    private final ObjectMapper mapper;

    public SocialInsuranceApi(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String request(String idNumber, String name) {
        ObjectNode body = mapper.createObjectNode();
        body.put("身份证号码", idNumber);
        body.put("姓名", name);
        body.put("险种类型", WORK_INJURY);
        return body.toString();
    }

    public InsuranceAnswer read(HttpAnswer answer) {
        answer.requireUsable(SYSTEM);
        JsonNode json;
        try {
            json = mapper.readTree(answer.body());
        } catch (Exception e) {
            throw new ConnectorUnavailableException(SYSTEM, "malformed body", null, e);
        }
        String code = json.path("code").asText("");
        if ("1004".equals(code)) {
            return new InsuranceAnswer(false, null, null, null, "未参保");
        }
        JsonNode data = json.path("data");
        if (!"0000".equals(code) || !data.isObject()) {
            throw new ConnectorUnavailableException(SYSTEM, "service code " + code);
        }
        try {
            for (JsonNode line : data.path("险种列表")) {
                if (WORK_INJURY.equals(line.path("险种类型").asText())) {
                    String status = line.path("参保状态").asText("");
                    return new InsuranceAnswer("参保缴费".equals(status) || "正常参保".equals(status),
                            text(data, "参保单位"), date(line, "参保开始日期"), date(line, "参保截止日期"), status);
                }
            }
        } catch (DateTimeParseException e) {
            throw new ConnectorUnavailableException(SYSTEM, "malformed date", null, e);
        }
        return new InsuranceAnswer(false, text(data, "参保单位"), null, null, "无工伤保险");
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static LocalDate date(JsonNode data, String field) {
        String value = text(data, field);
        return value == null ? null : LocalDate.parse(value);
    }
}
