package org.permithub.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks requests and responses against an OpenAPI 3.0 contract: parameters (path, query, header)
 * and JSON bodies against their schemas, with networknt's JSON Schema validator. Camel's own
 * {@code clientRequestValidation} only checks that required parameters and bodies are present and
 * that the body parses; it neither checks types, enums, patterns or ranges nor names the field in
 * a problem+json answer, so the hub's gateway filter uses this instead.
 *
 * <p>OpenAPI 3.0 schemas are JSON Schema draft 4 plus {@code nullable}, which is rewritten to a
 * {@code null} type before the schemas are compiled.
 */
public final class ContractValidator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Draft 4, plus "components": the contract's schemas travel with each compiled schema for $ref. */
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keyword(new NonValidationKeyword("components")).build()));
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    /** Keywords of OpenAPI's schema object that are not JSON Schema draft 4: dropped before compiling. */
    private static final Set<String> OPENAPI_ONLY = Set.of("nullable", "example", "discriminator", "xml",
            "externalDocs", "deprecated", "readOnly", "writeOnly");

    private record Parameter(String name, String in, boolean required, JsonNode schema, JsonSchema validator) {}

    /** One operation of the contract. */
    public record Operation(String operationId, String method, String pathTemplate, Pattern pattern,
            List<String> pathVariables, List<Parameter> parameters, JsonSchema body, boolean bodyRequired,
            Map<String, JsonSchema> responses) {}

    private final ApiContract contract;
    private final String specText;
    private final String basePath;
    private final JsonNode components;
    private final List<Operation> operations = new ArrayList<>();

    private ContractValidator(ApiContract contract, String specText) throws IOException {
        this.contract = contract;
        this.specText = specText;
        JsonNode spec = YAML.readTree(specText);
        this.basePath = trimSlash(spec.path("servers").path(0).path("url").asText(""));
        this.components = toDraft4(spec.path("components").deepCopy());
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("operationId")) {
                operations.add(operation(path.getKey(), op.getKey(), path.getValue(), op.getValue()));
            }
        }));
        // literal segments win over variables: /permits/search before /permits/{permitNo}
        operations.sort(Comparator.comparingInt((Operation o) -> o.pathVariables().size())
                .thenComparing(o -> -o.pathTemplate().length()));
    }

    /** Loads the contract's OpenAPI file from the class path. */
    public static ContractValidator load(ApiContract contract) {
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(contract.specResource())) {
            if (in == null) {
                throw new IllegalArgumentException("no OpenAPI file " + contract.specResource() + " on the class path");
            }
            return new ContractValidator(contract, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + contract.specResource(), e);
        }
    }

    public ApiContract contract() {
        return contract;
    }

    /** The {@code servers[0].url} of the file, e.g. {@code /regulator/v1}. */
    public String basePath() {
        return basePath;
    }

    /** The OpenAPI file as written. */
    public String specText() {
        return specText;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** Whether a request path lies under this contract's base path. */
    public boolean covers(String requestPath) {
        return requestPath.equals(basePath) || requestPath.startsWith(basePath + "/");
    }

    /** The operation a request goes to, if the contract has one for that method and path. */
    public Optional<Operation> match(String method, String requestPath) {
        if (!covers(requestPath)) {
            return Optional.empty();
        }
        String path = requestPath.substring(basePath.length());
        return operations.stream()
                .filter(op -> op.method().equalsIgnoreCase(method) && op.pattern().matcher(path).matches())
                .findFirst();
    }

    /**
     * Checks a request against its operation; empty when it keeps the contract or the contract has
     * no such operation (routing answers that with 404 or 405).
     *
     * @param query the query parameters (decoded), each with all its values
     * @param header a header by name, or null
     * @param body the body text; null or empty when there is none
     */
    public List<FieldError> validateRequest(String method, String requestPath, Map<String, List<String>> query,
            Function<String, String> header, String body) {
        Optional<Operation> found = match(method, requestPath);
        if (found.isEmpty()) {
            return List.of();
        }
        Operation op = found.get();
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> pathValues = pathValues(op, requestPath.substring(basePath.length()));
        for (Parameter parameter : op.parameters()) {
            List<String> raw = switch (parameter.in()) {
                case "path" -> pathValues.containsKey(parameter.name()) ? List.of(pathValues.get(parameter.name())) : List.of();
                case "query" -> query.getOrDefault(parameter.name(), List.of());
                case "header" -> header.apply(parameter.name()) == null ? List.of() : List.of(header.apply(parameter.name()));
                default -> List.of();
            };
            if (raw.isEmpty() || (raw.size() == 1 && raw.get(0).isEmpty() && !"path".equals(parameter.in()))) {
                if (parameter.required()) {
                    errors.add(new FieldError(parameter.name(), "is required"));
                }
                continue;
            }
            JsonNode value = coerce(raw, parameter.schema());
            parameter.validator().validate(value).forEach(m -> errors.add(new FieldError(parameter.name(), message(m))));
        }
        query.keySet().stream()
                .filter(name -> op.parameters().stream().noneMatch(p -> p.in().equals("query") && p.name().equals(name)))
                .sorted()
                .forEach(name -> errors.add(new FieldError(name, "is not a parameter of " + op.operationId())));
        boolean hasBody = body != null && !body.isBlank();
        if (op.body() != null) {
            if (!hasBody) {
                if (op.bodyRequired()) {
                    errors.add(new FieldError("body", "is required"));
                }
            } else {
                errors.addAll(validateJson(op.body(), body, "body"));
            }
        }
        return errors;
    }

    /**
     * Checks a response body against the schema the contract gives for its status (or
     * {@code default}); for contract tests. An undocumented status is an error.
     */
    public List<FieldError> validateResponse(String method, String requestPath, int status, String body) {
        Operation op = match(method, requestPath)
                .orElseThrow(() -> new IllegalArgumentException("no operation for " + method + " " + requestPath));
        String key = Integer.toString(status);
        if (!op.responses().containsKey(key) && !op.responses().containsKey("default")) {
            return List.of(new FieldError("status", status + " is not a documented response of " + op.operationId()));
        }
        JsonSchema schema = op.responses().containsKey(key) ? op.responses().get(key) : op.responses().get("default");
        return schema == null ? List.of() : validateJson(schema, body, "body");
    }

    private static List<FieldError> validateJson(JsonSchema schema, String body, String root) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(new FieldError(root, "is not valid JSON"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : schema.validate(node)) {
            String location = m.getInstanceLocation().toString().substring(1); // drop the "$"
            String field = root + location;
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                field = field + "." + m.getProperty();
            }
            errors.add(new FieldError(field, message(m)));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    /** networknt's message without its leading instance location ("$.limit: "). */
    private static String message(ValidationMessage m) {
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }

    private Operation operation(String template, String method, JsonNode pathItem, JsonNode op) {
        List<String> variables = new ArrayList<>();
        Matcher m = TEMPLATE_VARIABLE.matcher(template);
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            variables.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("$");
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        List<JsonNode> declared = new ArrayList<>();
        pathItem.path("parameters").forEach(declared::add);
        op.path("parameters").forEach(declared::add); // operation-level parameters override path-level ones
        for (JsonNode p : declared) {
            JsonNode resolved = resolve(p);
            JsonNode schema = toDraft4(resolved.path("schema").deepCopy());
            String in = resolved.path("in").asText();
            parameters.put(in + ":" + resolved.path("name").asText(), new Parameter(resolved.path("name").asText(), in,
                    resolved.path("required").asBoolean(false) || "path".equals(in), schema, compile(schema)));
        }
        JsonNode requestBody = resolve(op.path("requestBody"));
        JsonNode bodySchema = requestBody.path("content").path("application/json").path("schema");
        Map<String, JsonSchema> responses = new HashMap<>();
        op.path("responses").fields().forEachRemaining(r -> {
            JsonNode content = resolve(r.getValue()).path("content");
            JsonNode schema = content.path("application/json").path("schema");
            if (schema.isMissingNode()) {
                schema = content.path("application/problem+json").path("schema");
            }
            responses.put(r.getKey(), schema.isMissingNode() ? null : compile(toDraft4(schema.deepCopy())));
        });
        return new Operation(op.path("operationId").asText(), method.toUpperCase(Locale.ROOT), template,
                Pattern.compile(regex.toString()), variables, List.copyOf(parameters.values()),
                bodySchema.isMissingNode() ? null : compile(toDraft4(bodySchema.deepCopy())),
                requestBody.path("required").asBoolean(false), responses);
    }

    /** Follows a local {@code $ref} ("#/components/parameters/PermitNo") of a parameter, body or response. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref") && current.get("$ref").asText().startsWith("#/components/")) {
            current = components.at(current.get("$ref").asText().substring("#/components".length()));
        }
        return current;
    }

    /** Compiles a schema with the contract's components alongside, so that "#/components/…" resolves. */
    private JsonSchema compile(JsonNode schema) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("allOf", JsonNodeFactory.instance.arrayNode().add(schema));
        root.set("components", components);
        return SCHEMAS.getSchema(root);
    }

    private static Map<String, String> pathValues(Operation op, String path) {
        Matcher m = op.pattern().matcher(path);
        Map<String, String> values = new HashMap<>();
        if (m.matches()) {
            for (int i = 0; i < op.pathVariables().size(); i++) {
                values.put(op.pathVariables().get(i),
                        java.net.URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** A parameter's text as the JSON value its schema expects; left as text when it does not parse. */
    private static JsonNode coerce(List<String> raw, JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText() : schema.path("type").asText("string");
        if ("array".equals(type)) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            raw.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                    .forEach(v -> items.add(coerce(List.of(v), schema.path("items"))));
            return items;
        }
        String value = raw.get(raw.size() - 1);
        try {
            return switch (type) {
                case "integer" -> JsonNodeFactory.instance.numberNode(new BigInteger(value));
                case "number" -> JsonNodeFactory.instance.numberNode(new BigDecimal(value));
                case "boolean" -> "true".equals(value) || "false".equals(value)
                        ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value))
                        : JsonNodeFactory.instance.textNode(value);
                default -> JsonNodeFactory.instance.textNode(value);
            };
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    /** OpenAPI 3.0 schema → draft 4: {@code nullable: true} becomes a null type; OpenAPI-only keywords go. */
    private static JsonNode toDraft4(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("nullable").asBoolean(false) && object.has("type") && object.get("type").isTextual()) {
                object.set("type", JsonNodeFactory.instance.arrayNode().add(object.get("type").asText()).add("null"));
                if (object.get("enum") instanceof ArrayNode values) {
                    values.addNull();
                }
            }
            OPENAPI_ONLY.forEach(object::remove);
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                // property names are data, not keywords: a property called "example" must stay
                if ("properties".equals(field.getKey())) {
                    field.getValue().fields().forEachRemaining(p -> toDraft4(p.getValue()));
                } else {
                    toDraft4(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(ContractValidator::toDraft4);
        }
        return node;
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
