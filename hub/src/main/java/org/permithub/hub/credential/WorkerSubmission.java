package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.permithub.api.problem.ApiProblem;
import org.permithub.connectors.IdNumbers;
import org.permithub.connectors.certificate.CategoryNames;
import org.permithub.core.credential.CertificateCategory;

/**
 * One contractor worker as submitted (partner API, contractor pull or CSV drop), the body of
 * {@code direct:credential-intake}: {@code {contractorId, workerId, name, idNumber, certificates:
 * [{number, category, operationItem, issuedOn, validUntil, reviewDueOn, lastWorkedOn}], insurance:
 * {employer}}}. Categories are the enum names or the Chinese ones (焊接与热切割作业 ...).
 */
record WorkerSubmission(String contractorId, String workerId, String name, String idNumber,
        List<SubmittedCertificate> certificates, String employer) {

    record SubmittedCertificate(String number, CertificateCategory category, String operationItem, LocalDate issuedOn,
            LocalDate validUntil, LocalDate reviewDueOn, LocalDate lastWorkedOn) {}

    static final int MAX_ID_LENGTH = 64;

    /** Reads and checks a submission; a problem names the field. */
    static WorkerSubmission parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object");
        }
        String contractorId = required(json, "contractorId");
        String workerId = required(json, "workerId");
        if (workerId.length() > MAX_ID_LENGTH || contractorId.length() > MAX_ID_LENGTH) {
            throw ApiProblem.invalidField("workerId", "at most " + MAX_ID_LENGTH + " characters");
        }
        String name = required(json, "name");
        String idNumber = required(json, "idNumber").toUpperCase(java.util.Locale.ROOT);
        if (!IdNumbers.valid(idNumber)) {
            // never echo the number itself
            throw ApiProblem.invalidField("idNumber", "is not an 18-character ID number with a correct check character");
        }
        List<SubmittedCertificate> certificates = new ArrayList<>();
        JsonNode list = json.path("certificates");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw ApiProblem.invalidField("certificates", "must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = "certificates[" + i + "].";
            String number = required(c, "number", at);
            CertificateCategory category = CategoryNames.parse(c.path("category").asText(null))
                    .orElseThrow(() -> ApiProblem.invalidField(at + "category",
                            "must be one of " + java.util.Arrays.toString(CertificateCategory.values())
                                    + " or its Chinese name"));
            LocalDate issuedOn = date(c, "issuedOn", at);
            if (issuedOn == null) {
                throw ApiProblem.invalidField(at + "issuedOn", "is required");
            }
            certificates.add(new SubmittedCertificate(number.toUpperCase(java.util.Locale.ROOT), category,
                    text(c, "operationItem"), issuedOn, date(c, "validUntil", at), date(c, "reviewDueOn", at),
                    date(c, "lastWorkedOn", at)));
        }
        return new WorkerSubmission(contractorId, workerId, name, idNumber, List.copyOf(certificates),
                text(json.path("insurance"), "employer"));
    }

    /** The canonical JSON of this submission: stored, and its SHA-256 makes an unchanged repeat a no-op. */
    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("contractorId", contractorId);
        json.put("workerId", workerId);
        json.put("name", name);
        json.put("idNumber", idNumber);
        var list = json.putArray("certificates");
        for (SubmittedCertificate c : certificates) {
            ObjectNode node = list.addObject();
            node.put("number", c.number());
            node.put("category", c.category().name());
            node.put("operationItem", c.operationItem());
            node.put("issuedOn", String.valueOf(c.issuedOn()));
            node.put("validUntil", c.validUntil() == null ? null : c.validUntil().toString());
            node.put("reviewDueOn", c.reviewDueOn() == null ? null : c.reviewDueOn().toString());
            node.put("lastWorkedOn", c.lastWorkedOn() == null ? null : c.lastWorkedOn().toString());
        }
        json.putObject("insurance").put("employer", employer);
        return json;
    }

    private static String required(JsonNode json, String field) {
        return required(json, field, "");
    }

    private static String required(JsonNode json, String field, String prefix) {
        String value = text(json, field);
        if (value == null) {
            throw ApiProblem.invalidField(prefix + field, "is required");
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()
                ? null : value.asText().trim();
    }

    private static LocalDate date(JsonNode json, String field, String prefix) {
        String value = text(json, field);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(prefix + field, "must be a date YYYY-MM-DD");
        }
    }
}
