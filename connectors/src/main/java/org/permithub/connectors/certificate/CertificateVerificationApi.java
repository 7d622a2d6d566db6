package org.permithub.connectors.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.permithub.connectors.ConnectorUnavailableException;
import org.permithub.connectors.HttpAnswer;

/**
 * The wire format of the certificate verification service (特种作业操作证查询). No public B2B API
 * exists (the official query is cx.mem.gov.cn, by type, number and name; domain-rules.md §5), so
 * the hub speaks a plausible government-style JSON API whose address is configuration:
 *
 * <pre>
 * POST {baseUrl}/api/tzzy/v1/certificates/query   X-App-Key: ...
 * {"证件号码": "T3706...", "姓名": "张三", "作业类别": "焊接与热切割作业"}
 * → 200 {"code": "200", "msg": "查询成功", "data": {"证件号码", "姓名", "作业类别", "操作项目", "初领日期",
 *        "有效期结束日期", "应复审日期", "实际复审日期", "证书状态", ...}}
 * → 200 {"code": "404", "msg": "未查询到相关证书信息", "data": null}     (business answer)
 * → 429 + Retry-After, 5xx                                               (try later)
 * </pre>
 */
public final class CertificateVerificationApi {

    public static final String SYSTEM = "certificate";
    public static final String PATH = "/api/tzzy/v1/certificates/query";

    private final ObjectMapper mapper;

    public CertificateVerificationApi(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The request body; {@code category} is the Chinese category name (作业类别). */
    public String request(String certificateNumber, String holderName, String category) {
        ObjectNode body = mapper.createObjectNode();
        body.put("证件号码", certificateNumber);
        body.put("姓名", holderName);
        if (category != null) {
            body.put("作业类别", category);
        }
        return body.toString();
    }

    /** Reads an answer; throws {@link ConnectorUnavailableException} for anything that is not an answer. */
    public CertificateAnswer read(String certificateNumber, HttpAnswer answer) {
        answer.requireUsable(SYSTEM);
        JsonNode json;
        try {
            json = mapper.readTree(answer.body());
        } catch (Exception e) {
            throw new ConnectorUnavailableException(SYSTEM, "malformed body", null, e);
        }
        String code = json.path("code").asText("");
        JsonNode data = json.path("data");
        if ("404".equals(code) || ("200".equals(code) && data.isNull())) {
            return CertificateAnswer.notFound(certificateNumber);
        }
        if (!"200".equals(code) || !data.isObject()) {
            // e.g. {"code":"500","msg":"系统繁忙"} inside a 200: the service is not answering the question
            throw new ConnectorUnavailableException(SYSTEM, "service code " + code);
        }
        try {
            return new CertificateAnswer(true, text(data, "证件号码"), text(data, "姓名"), text(data, "作业类别"),
                    text(data, "操作项目"), date(data, "初领日期"), date(data, "有效期结束日期"), date(data, "应复审日期"),
                    date(data, "实际复审日期"), text(data, "证书状态"));
        } catch (DateTimeParseException e) {
            throw new ConnectorUnavailableException(SYSTEM, "malformed date", null, e);
        }
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
