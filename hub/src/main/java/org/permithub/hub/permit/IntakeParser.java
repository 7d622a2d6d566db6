package org.permithub.hub.permit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Location;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.WorkType;
import org.permithub.core.permit.WorkDetails;
import org.permithub.core.action.ActionDataException;
import org.springframework.stereotype.Component;

/**
 * Turns request JSON into commands, collecting every field problem at once so the caller can fix
 * them in one go (400 {@code VALIDATION_FAILED} with an {@code errors} list).
 */
@Component
public class IntakeParser {

    private static final int MAX_ID_LENGTH = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectMapper mapper;

    public IntakeParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("MALFORMED_JSON", "the request body is empty");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiProblem.badRequest("MALFORMED_JSON", "the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("MALFORMED_JSON", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public IntakeCommand.Apply application(JsonNode json) {
        Fields f = new Fields(json);
        String permitNo = f.id("permitNo");
        String enterpriseCode = f.text("enterpriseCode");
        if (enterpriseCode != null && !CreditCode.isValid(enterpriseCode)) {
            f.error("enterpriseCode", "is not a valid 统一社会信用代码 (GB 32100-2015)");
        }
        String siteId = f.id("siteId");
        WorkType workType = f.enumValue("workType", WorkType.class, true);
        Grade grade = f.enumValue("grade", Grade.class, false);
        Location location = f.location("location");
        String content = f.text("content");
        Instant plannedStart = f.instant("plannedStart");
        Instant plannedEnd = f.instant("plannedEnd");
        List<String> workers = f.idList("workers");
        String guardianId = f.id("guardianId");
        WorkDetails details = f.details("details");
        f.throwIfAny();
        return new IntakeCommand.Apply(new PermitApplication(permitNo, enterpriseCode, siteId, workType, grade,
                location, content, plannedStart, plannedEnd, workers, guardianId, details));
    }

    @SuppressWarnings("unchecked")
    public IntakeCommand.Act action(String permitNo, JsonNode json) {
        Fields f = new Fields(json);
        ActionType type = f.enumValue("type", ActionType.class, true);
        if (type == ActionType.APPLY || type == ActionType.EXPIRE) {
            f.error("type", type == ActionType.APPLY
                    ? "use POST /api/v1/permits to apply" : "EXPIRE is issued by the hub itself");
        }
        JsonNode data = json.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            f.error("data", "must be an object");
        }
        f.throwIfAny();
        Map<String, Object> values = data == null || data.isNull()
                ? Map.of() : mapper.convertValue(data, LinkedHashMap.class);
        return new IntakeCommand.Act(permitNo, type, values);
    }

    /** Reads fields of one JSON object and remembers what is wrong with them. */
    private static final class Fields {
        private final JsonNode json;
        private final List<Map<String, String>> errors = new ArrayList<>();

        Fields(JsonNode json) {
            this.json = json;
        }

        void error(String field, String message) {
            errors.add(Map.of("field", field, "message", message));
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                String detail = errors.stream().map(e -> e.get("field") + " " + e.get("message"))
                        .reduce((a, b) -> a + "; " + b).orElse("");
                throw new ApiProblem(400, "VALIDATION_FAILED", "Request validation failed", detail,
                        Map.of("errors", List.copyOf(errors)));
            }
        }

        String text(String field) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                error(field, "is required");
                return null;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                error(field, "must be a non-empty string");
                return null;
            }
            return node.asText();
        }

        String id(String field) {
            String value = text(field);
            if (value != null && value.length() > MAX_ID_LENGTH) {
                error(field, "must be at most " + MAX_ID_LENGTH + " characters");
                return null;
            }
            return value;
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            return parse(field, node.asText(), name -> Enum.valueOf(type, name),
                    "must be one of " + Arrays.toString(type.getEnumConstants()));
        }

        Instant instant(String field) {
            String value = text(field);
            return value == null ? null : parse(field, value, Instant::parse, "must be an ISO-8601 UTC instant");
        }

        Location location(String field) {
            JsonNode node = json.get(field);
            if (node == null || !node.isObject()) {
                error(field, "is required (zoneId, lat, lon)");
                return null;
            }
            Fields inner = new Fields(node);
            String zoneId = inner.id("zoneId");
            Double lat = inner.number("lat", -90, 90);
            Double lon = inner.number("lon", -180, 180);
            inner.errors.forEach(e -> error(field + "." + e.get("field"), e.get("message")));
            return inner.errors.isEmpty() ? new Location(zoneId, lat, lon) : null;
        }

        /** The work-type details (core/README.md §4); optional. */
        @SuppressWarnings("unchecked")
        WorkDetails details(String field) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                return WorkDetails.NONE;
            }
            if (!node.isObject()) {
                error(field, "must be an object");
                return WorkDetails.NONE;
            }
            try {
                return WorkDetails.parse(JSON.convertValue(node, Map.class));
            } catch (ActionDataException e) {
                error(field + "." + e.field(), e.getMessage());
                return WorkDetails.NONE;
            }
        }

        Double number(String field, double min, double max) {
            JsonNode node = json.get(field);
            if (node == null || !node.isNumber()) {
                error(field, "is required and must be a number");
                return null;
            }
            double value = node.asDouble();
            if (value < min || value > max) {
                error(field, "must be between " + min + " and " + max);
                return null;
            }
            return value;
        }

        List<String> idList(String field) {
            JsonNode node = json.get(field);
            if (node == null || !node.isArray() || node.isEmpty()) {
                error(field, "is required and must be a non-empty array of ids");
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > MAX_ID_LENGTH) {
                    error(field + "[" + i + "]", "must be a non-empty id of at most " + MAX_ID_LENGTH + " characters");
                } else {
                    ids.add(item.asText());
                }
            }
            return ids;
        }

        private <T> T parse(String field, String value, Function<String, T> parser, String message) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                error(field, message);
                return null;
            }
        }
    }
}
