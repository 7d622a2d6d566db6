package org.permithub.connectors.contractor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contractor system's worker list (its REST answer or a CSV file dropped on SFTP / a folder) turned
 * into the hub's worker submissions, the body {@code direct:credential-intake} takes:
 * {@code {contractorId, workerId, name, idNumber, certificates: [{number, category, operationItem,
 * issuedOn, validUntil, reviewDueOn}], insurance: {employer}}}.
 *
 * <p>Both formats use the column names a Chinese HR export has: 工号, 姓名, 身份证号, 证书编号, 作业类别,
 * 准操项目, 初领日期, 有效期至, 应复审日期, 参保单位. The CSV has one row per certificate (a worker
 * without a certificate has one row with the certificate columns empty).
 */
public final class ContractorWorkerFormats {

    private final ObjectMapper mapper;
    private final CsvMapper csv = new CsvMapper();

    public ContractorWorkerFormats(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code {"承包商编号": "...", "人员列表": [{"工号", "姓名", "身份证号", "参保单位", "证书": [{...}]}]}}. */
    public List<String> fromRest(String contractorId, String body) throws IOException {
        JsonNode root = mapper.readTree(body);
        JsonNode people = root.isArray() ? root : root.path("人员列表");
        List<String> submissions = new ArrayList<>();
        for (JsonNode person : people) {
            ObjectNode submission = worker(contractorId, person);
            ArrayNode certificates = submission.putArray("certificates");
            for (JsonNode c : person.path("证书")) {
                certificates.add(certificate(c));
            }
            submissions.add(submission.toString());
        }
        return submissions;
    }

    public List<String> fromCsv(String contractorId, String text) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        Map<String, ObjectNode> byWorker = new LinkedHashMap<>();
        // a UTF-8 BOM (Excel's "CSV UTF-8") would end up in the first header name
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class).with(schema).readValues(content)) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                JsonNode person = mapper.valueToTree(row);
                ObjectNode submission = byWorker.computeIfAbsent(blankToNull(row.get("工号")) == null
                        ? "?" + byWorker.size() : row.get("工号").trim(), id -> {
                            ObjectNode w = worker(contractorId, person);
                            w.putArray("certificates");
                            return w;
                        });
                if (blankToNull(row.get("证书编号")) != null) {
                    ((ArrayNode) submission.get("certificates")).add(certificate(person));
                }
            }
        }
        List<String> submissions = new ArrayList<>();
        byWorker.values().forEach(s -> submissions.add(s.toString()));
        return submissions;
    }

    private ObjectNode worker(String contractorId, JsonNode person) {
        ObjectNode submission = mapper.createObjectNode();
        submission.put("contractorId", contractorId);
        submission.put("workerId", text(person, "工号"));
        submission.put("name", text(person, "姓名"));
        submission.put("idNumber", text(person, "身份证号"));
        String employer = text(person, "参保单位");
        ObjectNode insurance = submission.putObject("insurance");
        if (employer != null) {
            insurance.put("employer", employer);
        }
        return submission;
    }

    private ObjectNode certificate(JsonNode c) {
        ObjectNode certificate = mapper.createObjectNode();
        certificate.put("number", text(c, "证书编号"));
        certificate.put("category", text(c, "作业类别"));
        certificate.put("operationItem", text(c, "准操项目"));
        certificate.put("issuedOn", text(c, "初领日期"));
        certificate.put("validUntil", text(c, "有效期至"));
        certificate.put("reviewDueOn", text(c, "应复审日期"));
        return certificate;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : blankToNull(value.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
