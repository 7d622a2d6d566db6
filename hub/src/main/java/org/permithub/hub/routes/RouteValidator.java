package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.impl.DefaultRuntimeCamelCatalog;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Checks a Camel YAML route file before anything of it runs: the YAML DSL schema that ships with
 * camel-yaml-dsl, endpoint URIs against the components on the classpath (Camel's runtime catalog),
 * Kamelet parameters against each Kamelet's JSON Schema, ids and route configurations, and the
 * allow-list of {@code permit-hub.routes.*}. A {@link RouteOrigin#TEAM} file is held to
 * {@code permit-hub.routes.team.*} on top: no hub beans, its own {@code direct:}/{@code seda:} names
 * only, none of the hub's Kafka topics or consumer groups, MQTT command and device topics, shared subscriptions
 * or client ids. Every problem names a line and a column.
 * Used by start-up loading, the admin API and the {@code routes validate} command alike.
 */
public final class RouteValidator {

    /** The outcome for one file. */
    public record Report(String file, String sha256, List<RouteProblem> problems, List<String> routeIds,
            List<String> routeConfigurationIds) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final Set<String> TOP_LEVEL = Set.of("route", "routeConfiguration");
    /** EIPs whose endpoint is computed per message, so no allow-list can check it. */
    private static final Map<String, String> DYNAMIC_EIPS = Map.of(
            "recipientList", "recipientList computes its endpoints per message",
            "routingSlip", "routingSlip computes its endpoints per message",
            "dynamicRouter", "dynamicRouter computes its endpoints per message",
            "enrich", "enrich computes its endpoint per message; use a Kamelet or a fixed 'to'",
            "pollEnrich", "pollEnrich computes its endpoint per message; use a Kamelet or a fixed 'to'",
            "script", "script runs arbitrary code",
            "beans", "beans create arbitrary Java objects",
            "rest", "REST endpoints belong to the hub's OpenAPI contracts");
    private static final Map<String, String> DENIED_REASONS = Map.of(
            "exec", "it runs operating-system commands",
            "sql", "raw SQL against the hub's database is not allowed; use a Kamelet",
            "sql-stored", "raw SQL against the hub's database is not allowed; use a Kamelet",
            "jdbc", "raw SQL against the hub's database is not allowed; use a Kamelet",
            "spring-jdbc", "raw SQL against the hub's database is not allowed; use a Kamelet",
            "class", "it instantiates arbitrary Java classes",
            "controlbus", "it can stop or change the hub's routes",
            "platform-http", "HTTP endpoints belong to the hub's OpenAPI contracts, behind its security");
    /** Why a component the hub's own files may use is refused in a team file. */
    private static final Map<String, String> TEAM_DENIED_REASONS = Map.of(
            "http", "external systems are reached through the connector Kamelets (timeouts, circuit breaker, bulkhead,"
                    + " credentials from the hub's configuration); a plain HTTP call has none of them and can reach the"
                    + " hub's management port and internal network",
            "https", "external systems are reached through the connector Kamelets (timeouts, circuit breaker, bulkhead,"
                    + " credentials from the hub's configuration); a plain HTTP call has none of them and can reach the"
                    + " hub's management port and internal network");
    /** The name in {@code {{name}}}, {@code {{?name}}} or {@code {{name:default}}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^}:]+)");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final int MAX_SCHEMA_MESSAGES = 20;
    private static volatile JsonSchema yamlDslSchema;

    private final RoutesProperties rules;
    private final KameletCatalog kamelets;
    private final CamelContext camel;
    private final DefaultRuntimeCamelCatalog catalog;
    private final List<Path> allowedFileDirs;
    private final List<Path> teamFileDirs;
    private final List<Pattern> deniedPatterns;

    /** @param camel used to look up components and to resolve property placeholders; need not be started */
    public RouteValidator(RoutesProperties rules, KameletCatalog kamelets, CamelContext camel) {
        this.rules = rules;
        this.kamelets = kamelets;
        this.camel = camel;
        this.catalog = new DefaultRuntimeCamelCatalog();
        this.catalog.setCamelContext(camel);
        this.catalog.start();
        this.allowedFileDirs = rules.allowedFileDirs().stream()
                .map(dir -> Path.of(dir).toAbsolutePath().normalize()).toList();
        this.teamFileDirs = rules.team().allowedFileDirs().stream()
                .map(dir -> Path.of(dir).toAbsolutePath().normalize()).toList();
        this.deniedPatterns = rules.deniedPatterns().stream().map(Pattern::compile).toList();
    }

    public KameletCatalog kamelets() {
        return kamelets;
    }

    /**
     * One file at a time: Camel's catalog caches are not made for concurrent use.
     *
     * @param knownRouteConfigurations ids defined elsewhere (the running hub, other files of the same load);
     *                                 those defined in this file are added
     * @param origin                   {@link RouteOrigin#HUB} for the files of {@code permit-hub.routes-dir},
     *                                 {@link RouteOrigin#TEAM} for every other file
     */
    public synchronized Report validate(String file, String text, Set<String> knownRouteConfigurations, RouteOrigin origin) {
        String sha256 = sha256(text);
        List<RouteProblem> problems = new ArrayList<>();
        YamlTree tree;
        try {
            tree = YamlTree.parse(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new RouteProblem(file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem()));
            return new Report(file, sha256, problems, List.of(), List.of());
        } catch (RuntimeException e) {
            problems.add(new RouteProblem(file, 0, 0, "not valid YAML: " + e.getMessage()));
            return new Report(file, sha256, problems, List.of(), List.of());
        }
        Checker checker = new Checker(file, tree, problems, origin);
        JsonNode root = tree.root();
        if (!root.isArray() || root.isEmpty()) {
            checker.problem("", "a route file is a YAML list of '- route:' and '- routeConfiguration:' items");
            return new Report(file, sha256, problems, List.of(), List.of());
        }
        checker.schema();
        List<String> routeIds = new ArrayList<>();
        List<String> configurationIds = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String pointer = "/" + i;
            if (!item.isObject() || item.size() != 1) {
                checker.problem(pointer, "each item holds exactly one of: " + String.join(", ", TOP_LEVEL));
                continue;
            }
            String kind = item.fieldNames().next();
            if ("routeConfiguration".equals(kind)) {
                String id = item.get(kind).path("id").asText("");
                if (id.isBlank()) {
                    checker.problem(pointer + "/routeConfiguration", "a routeConfiguration needs an id");
                } else {
                    configurationIds.add(id);
                    checker.ownName("routeConfiguration id", id, pointer + "/routeConfiguration/id");
                }
            }
        }
        Set<String> known = new LinkedHashSet<>(knownRouteConfigurations);
        known.addAll(configurationIds);
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject() || item.size() != 1) {
                continue;
            }
            String kind = item.fieldNames().next();
            String pointer = "/" + i + "/" + kind;
            JsonNode body = item.get(kind);
            if ("route".equals(kind)) {
                String id = body.path("id").asText("");
                if (id.isBlank()) {
                    checker.problem(pointer, "every route needs an id");
                } else if (routeIds.contains(id)) {
                    checker.problem(pointer + "/id", "route id '" + id + "' is used twice in this file");
                } else {
                    routeIds.add(id);
                }
                String named = id.isBlank() ? "the route" : "route '" + id + "'";
                String configuration = body.path("routeConfigurationId").asText("");
                if (configuration.isBlank()) {
                    checker.problem(pointer, named + " needs a routeConfigurationId (shared error handling; known: "
                            + String.join(", ", known) + ")");
                } else if (!known.contains(configuration)) {
                    checker.problem(pointer + "/routeConfigurationId", "routeConfigurationId '" + configuration
                            + "' does not exist (known: " + String.join(", ", known) + ")");
                }
                if (!body.path("from").isObject()) {
                    checker.problem(pointer, named + " needs a 'from'");
                }
            } else if (!TOP_LEVEL.contains(kind)) {
                String reason = DYNAMIC_EIPS.getOrDefault(kind, "");
                checker.problem("/" + i, "'" + kind + "' is not allowed at the top of a route file"
                        + (reason.isEmpty() ? "" : " (" + reason + ")") + "; allowed: " + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL))
                        + ("from".equals(kind) ? " (write '- route:' with an id and a routeConfigurationId)" : ""));
                continue;
            }
            checker.walk(body, pointer);
        }
        if (problems.isEmpty()) {
            checker.camelModel(text);
        }
        problems.sort(Comparator.comparingInt(RouteProblem::line).thenComparingInt(RouteProblem::column));
        return new Report(file, sha256, List.copyOf(problems), routeIds, configurationIds);
    }

    /** Walks one file, collecting problems. */
    private final class Checker {
        private final String file;
        private final YamlTree tree;
        private final List<RouteProblem> problems;
        private final boolean team;
        /** A team file's own names start with this: its id, which holds no '.', and a '.'. */
        private final String ownPrefix;

        Checker(String file, YamlTree tree, List<RouteProblem> problems, RouteOrigin origin) {
            this.file = file;
            this.tree = tree;
            this.problems = problems;
            this.team = origin == RouteOrigin.TEAM;
            this.ownPrefix = fileId(file) + ".";
        }

        /** TEAM: names other files and the hub could also use must carry the file's id, so none is the hub's. */
        void ownName(String what, String name, String pointer) {
            if (team && !name.startsWith(ownPrefix)) {
                problem(pointer, what + " '" + name + "' is not allowed in a team route file: a team file's own names"
                        + " start with its file id and a dot ('" + ownPrefix + "...'), so they are never the hub's or"
                        + " another file's (rule: team own names)");
            }
        }

        void problem(String pointer, String message) {
            YamlTree.Position at = tree.at(pointer);
            RouteProblem problem = new RouteProblem(file, at.line(), at.column(), message);
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }

        void schema() {
            Set<ValidationMessage> messages = textWhereTextIsExpected(tree.root().deepCopy());
            // oneOf/anyOf failures repeat the same point many times: one line per place and text
            Map<String, ValidationMessage> unique = new LinkedHashMap<>();
            for (ValidationMessage message : messages) {
                unique.putIfAbsent(message.getInstanceLocation() + " " + message.getError(), message);
            }
            unique.values().stream().limit(MAX_SCHEMA_MESSAGES).forEach(message -> {
                String pointer = message.getInstanceLocation().toString();
                String where = pointer.isEmpty() ? "" : pointer.replaceFirst("^/\\d+/", "") + ": ";
                problem(pointer, "YAML DSL schema: " + where + message.getError());
            });
        }

        void walk(JsonNode node, String pointer) {
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    String key = field.getKey();
                    JsonNode value = field.getValue();
                    String at = pointer + "/" + YamlTree.escape(key);
                    if (DYNAMIC_EIPS.containsKey(key) && !DYNAMIC_EIPS.get(key).isEmpty()) {
                        problem(at, "'" + key + "' is not allowed: " + DYNAMIC_EIPS.get(key));
                        continue;
                    }
                    if (rules.deniedLanguages().contains(key)) {
                        problem(at, "expression language '" + key + "' is not allowed: it runs arbitrary code");
                        continue;
                    }
                    if (team && ("setHeader".equals(key) || "setHeaders".equals(key))) {
                        headers(key, value, at);
                    }
                    switch (key) {
                        case "from" -> endpoint(value, at, true);
                        case "to", "toD", "wireTap", "deadLetterUri" -> endpoint(value, at, false);
                        case "kamelet" -> kameletStep(value, at);
                        case "bean", "method", "process" -> beanReference(key, value, at);
                        default -> walk(value, at);
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), pointer + "/" + i);
                }
            } else if (node.isTextual()) {
                text(node.asText(), pointer);
            }
        }

        /** TEAM: no header that sends an endpoint or a Kamelet's HTTP call somewhere else than its uri says. */
        private void headers(String key, JsonNode value, String pointer) {
            List<Param> names = new ArrayList<>();
            if ("setHeader".equals(key)) {
                names.add(new Param(value.path("name"), pointer + "/name"));
            } else {
                JsonNode list = value.path("headers");
                for (int i = 0; i < list.size(); i++) {
                    names.add(new Param(list.get(i).path("name"), pointer + "/headers/" + i + "/name"));
                }
            }
            for (Param name : names) {
                String header = name.value().asText("");
                if (rules.team().deniedHeaders().stream().anyMatch(header::equalsIgnoreCase)) {
                    problem(name.pointer(), "setting header '" + header + "' is not allowed in a team route file: it"
                            + " redirects an endpoint or a Kamelet's call past the checks of its uri"
                            + " (permit-hub.routes.team.denied-headers: " + String.join(", ", rules.team().deniedHeaders()) + ")");
                }
            }
        }

        private void text(String value, String pointer) {
            for (Pattern pattern : deniedPatterns) {
                if (pattern.matcher(value).find()) {
                    problem(pointer, "'" + abbreviate(value) + "' is not allowed (matches " + pattern.pattern()
                            + "): it reaches beans, the Camel context or the hub's environment");
                }
            }
            if (team) {
                var placeholder = PLACEHOLDER.matcher(value);
                while (placeholder.find()) {
                    String name = placeholder.group(1).trim();
                    List<String> allowed = rules.team().allowedPlaceholders();
                    if (allowed.stream().noneMatch(entry -> entry.endsWith(".") ? name.startsWith(entry) : name.equals(entry))) {
                        problem(pointer, "placeholder '{{" + name + "}}' is not allowed in a team route file: the hub's"
                                + " settings hold secrets; a team file reads only (permit-hub.routes.team.allowed-placeholders: "
                                + String.join(", ", allowed) + ")");
                    }
                }
            }
        }

        private void beanReference(String key, JsonNode value, String pointer) {
            if (value.isTextual()) {
                // 'method: handle' inside a bean step is the method name, not a reference
                if ("method".equals(key)) {
                    text(value.asText(), pointer);
                    return;
                }
                checkBean(key, value.asText(), pointer);
                return;
            }
            if (!value.isObject()) {
                walk(value, pointer);
                return;
            }
            for (String typeField : List.of("beanType", "type", "ref:class")) {
                if (value.has(typeField)) {
                    problem(pointer + "/" + typeField, "'" + key + "' with a Java class is not allowed; allowed beans: "
                            + allowedBeans());
                }
            }
            if (value.has("ref")) {
                checkBean(key, value.get("ref").asText(), pointer + "/ref");
            } else if (!value.has("beanType") && !value.has("type")) {
                problem(pointer, "'" + key + "' needs a ref to an allowed bean: " + allowedBeans());
            }
            value.fields().forEachRemaining(field -> {
                if (!Set.of("ref", "beanType", "type").contains(field.getKey())) {
                    walk(field.getValue(), pointer + "/" + YamlTree.escape(field.getKey()));
                }
            });
        }

        private void checkBean(String key, String name, String pointer) {
            String bean = name.startsWith("#") ? name.substring(1) : name;
            if (bean.startsWith("class:") || bean.startsWith("type:") || bean.startsWith("bean:")) {
                problem(pointer, "'" + key + "' with a Java class is not allowed; allowed beans: " + allowedBeans());
            } else if (!beans().contains(bean)) {
                problem(pointer, "bean '" + bean + "' is not on the allow-list"
                        + (team ? " of team route files (the hub's beans are reached through its Kamelets; " : " (")
                        + beansProperty() + ": " + allowedBeans() + ")");
            }
        }

        private List<String> beans() {
            return team ? rules.team().allowedBeans() : rules.allowedBeans();
        }

        private String beansProperty() {
            return team ? "permit-hub.routes.team.allowed-beans" : "permit-hub.routes.allowed-beans";
        }

        private String allowedBeans() {
            return beans().isEmpty() ? "none" : String.join(", ", beans());
        }

        private void kameletStep(JsonNode value, String pointer) {
            if (!value.isObject() || !value.has("name")) {
                problem(pointer, "a kamelet step needs a name");
                return;
            }
            String name = value.get("name").asText();
            Map<String, Param> params = new LinkedHashMap<>();
            JsonNode parameters = value.path("parameters");
            parameters.fields().forEachRemaining(f -> params.put(f.getKey(),
                    new Param(f.getValue(), pointer + "/parameters/" + YamlTree.escape(f.getKey()))));
            params.values().stream().filter(param -> param.value().isTextual())
                    .forEach(param -> text(param.value().asText(), param.pointer()));
            kamelet(name, params, pointer + "/name", false);
        }

        void endpoint(JsonNode value, String pointer, boolean consumer) {
            String uri;
            String uriPointer;
            Map<String, Param> params = new LinkedHashMap<>();
            if (value.isTextual()) {
                uri = value.asText();
                uriPointer = pointer;
            } else if (value.isObject() && value.has("uri")) {
                uri = value.get("uri").asText();
                uriPointer = pointer + "/uri";
                value.path("parameters").fields().forEachRemaining(f -> params.put(f.getKey(),
                        new Param(f.getValue(), pointer + "/parameters/" + YamlTree.escape(f.getKey()))));
                value.fields().forEachRemaining(field -> {
                    if (!Set.of("uri", "parameters").contains(field.getKey())) {
                        walk(field.getValue(), pointer + "/" + YamlTree.escape(field.getKey()));
                    }
                });
            } else {
                problem(pointer, "an endpoint needs a uri");
                return;
            }
            text(uri, uriPointer);
            params.forEach((name, param) -> {
                if (param.value().isTextual()) {
                    text(param.value().asText(), param.pointer());
                }
            });
            if (uri.contains("${")) {
                problem(uriPointer, "endpoint '" + abbreviate(uri) + "' is computed per message; the allow-list needs a fixed uri");
                return;
            }
            var scheme = SCHEME.matcher(uri);
            if (!scheme.find()) {
                problem(uriPointer, "endpoint '" + abbreviate(uri) + "' has no component (scheme:...)");
                return;
            }
            String component = scheme.group(1);
            String remainder = uri.substring(scheme.end());
            int query = remainder.indexOf('?');
            String path = query < 0 ? remainder : remainder.substring(0, query);
            if (query >= 0) {
                for (String pair : remainder.substring(query + 1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    String raw = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    params.putIfAbsent(name, new Param(JsonNodeFactory.instance.textNode(raw), uriPointer));
                }
            }
            if (team && ("direct".equals(component) || "seda".equals(component))) {
                ownName("'" + component + ":' name", path, uriPointer);
                if ("direct".equals(component)) {
                    return;
                }
            } else if ("direct".equals(component)) {
                // an entry point for the hub's own code is harmless (a second consumer of an existing
                // name fails to start); sending into the hub's internal routes is not
                if (!consumer && !rules.allowedDirectEndpoints().contains(path)) {
                    problem(uriPointer, "sending to 'direct:" + path + "' is not allowed: the hub's internal routes are reached"
                            + " through Kamelets (permit-hub.routes.allowed-direct-endpoints: "
                            + String.join(", ", rules.allowedDirectEndpoints()) + ")");
                }
                return;
            }
            if (rules.deniedComponents().contains(component) || !rules.allowedComponents().contains(component)) {
                String reason = rules.deniedComponents().contains(component)
                        ? DENIED_REASONS.getOrDefault(component, "it is on permit-hub.routes.denied-components")
                        : "it is not on the allow-list (permit-hub.routes.allowed-components: "
                                + String.join(", ", rules.allowedComponents()) + ")";
                problem(uriPointer, "component '" + component + "' is not allowed: " + reason);
                return;
            }
            if (team && !rules.team().allowedComponents().contains(component)) {
                problem(uriPointer, "component '" + component + "' is not allowed in a team route file: "
                        + TEAM_DENIED_REASONS.getOrDefault(component, "only the hub's own files may use it")
                        + " (permit-hub.routes.team.allowed-components: " + String.join(", ", rules.team().allowedComponents()) + ")");
                return;
            }
            if ("kafka".equals(component) && consumer) {
                kafkaConsumer(params, uriPointer);
            }
            if (team) {
                references(params);
                switch (component) {
                    case "kafka" -> teamKafka(path, params, uriPointer, consumer);
                    case "paho-mqtt5" -> teamMqtt(path, params, uriPointer, consumer);
                    default -> { }
                }
            }
            switch (component) {
                case "kamelet" -> {
                    String name = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
                    kamelet(name, params, uriPointer, consumer);
                    if (team && params.containsKey("groupId")) {
                        kafkaGroup(params.get("groupId"), uriPointer);
                    }
                    return;
                }
                case "bean" -> checkBean("bean", path, uriPointer);
                case "file" -> file(path, params, uriPointer);
                default -> { }
            }
            catalogCheck(uri, component, params, uriPointer, consumer);
        }

        /**
         * Offsets committed by the Kafka client itself cover records polled but not yet processed: a
         * stop or a replace in the middle of a poll would skip them. With autoCommitEnable=false and
         * allowManualCommit=true Camel commits synchronously, per partition, only what the route
         * finished (its sync commit manager); with autoCommitEnable=false alone it commits nothing.
         */
        private void kafkaConsumer(Map<String, Param> params, String uriPointer) {
            for (String option : List.of("autoCommitEnable", "allowManualCommit")) {
                Param param = params.get(option);
                String wanted = "autoCommitEnable".equals(option) ? "false" : "true";
                if (param == null || !wanted.equalsIgnoreCase(param.value().asText())) {
                    problem(param == null ? uriPointer : param.pointer(), "a kafka consumer needs autoCommitEnable: false"
                            + " and allowManualCommit: true (the hub then commits only processed records, so a stop"
                            + " or a replace neither loses nor repeats one)");
                }
            }
            Param group = params.get("groupId");
            if (group == null || group.value().asText().isBlank()) {
                problem(uriPointer, "a kafka consumer needs a groupId (a replaced route resumes from its committed offsets)");
            }
        }

        /** TEAM: an option naming a bean of the registry ({@code #name}) may name only the team's beans. */
        private void references(Map<String, Param> params) {
            params.forEach((option, param) -> {
                String value = param.value().asText("");
                if (!value.startsWith("#")) {
                    return;
                }
                String bean = value.replaceFirst("^#(bean:)?", "");
                if (bean.startsWith("class:") || bean.startsWith("type:") || !rules.team().allowedBeans().contains(bean)) {
                    problem(param.pointer(), "option '" + option + "' refers to '" + value + "': a team route file may refer"
                            + " only to its own beans (permit-hub.routes.team.allowed-beans: " + allowedBeans() + ")");
                }
            });
        }

        /** TEAM: the hub's topics are its internals; permit events and actions go through the hub's Kamelets. */
        private void teamKafka(String path, Map<String, Param> params, String uriPointer, boolean consumer) {
            Param pattern = params.get("topicIsPattern");
            if (pattern != null && !"false".equalsIgnoreCase(pattern.value().asText())) {
                problem(pattern.pointer(), "option 'topicIsPattern' is not allowed in a team route file: a pattern can"
                        + " cover the hub's topics; name the topics (permit-hub.routes.team.reserved-kafka-topics)");
            }
            Optional<String> topics = resolve(path);
            if (topics.isEmpty()) {
                problem(uriPointer, "kafka topic '" + path + "' has a placeholder that cannot be resolved here, so it"
                        + " cannot be checked against the hub's topics (permit-hub.routes.team.reserved-kafka-topics)");
            } else {
                for (String topic : topics.get().split(",")) {
                    reservedTopic(topic.trim()).ifPresent(rule -> problem(uriPointer, (consumer ? "consuming from" : "producing to")
                            + " kafka topic '" + topic.trim() + "' is not allowed in a team route file: it is the hub's ("
                            + rule + "); permit events come through Kamelet permit-event-source, actions, credentials, alarms"
                            + " and reports go through permit-action-sink, credential-sink, alarm-sink, regulator-report-sink"));
                }
            }
            for (String option : List.of("groupId", "additionalProperties.group.id")) {
                if (params.containsKey(option)) {
                    kafkaGroup(params.get(option), uriPointer);
                }
            }
        }

        private Optional<String> reservedTopic(String topic) {
            if (rules.team().reservedKafkaTopics().contains(topic)) {
                return Optional.of("permit-hub.routes.team.reserved-kafka-topics: " + String.join(", ", rules.team().reservedKafkaTopics()));
            }
            return rules.team().reservedKafkaTopicPrefixes().stream().filter(topic::startsWith).findFirst()
                    .map(prefix -> "prefix '" + prefix + "', permit-hub.routes.team.reserved-kafka-topic-prefixes: "
                            + String.join(", ", rules.team().reservedKafkaTopicPrefixes()));
        }

        /** TEAM: a consumer in one of the hub's groups would take partitions, and so records, from the hub. */
        private void kafkaGroup(Param group, String uriPointer) {
            String raw = group.value().asText("");
            Optional<String> resolved = resolve(raw);
            String value = resolved.orElse(raw);
            rules.team().reservedKafkaGroupPrefixes().stream().filter(value::startsWith).findFirst().ifPresent(prefix ->
                    problem(group.pointer(), "kafka consumer group '" + value + "' is not allowed in a team route file: group"
                            + " ids starting with '" + prefix + "' are the hub's, and a member of its group takes records from it"
                            + " (permit-hub.routes.team.reserved-kafka-group-prefixes: "
                            + String.join(", ", rules.team().reservedKafkaGroupPrefixes()) + ")"));
        }

        /** TEAM: the hub alone commands doors and site alarms, owns its shared subscriptions and its client ids. */
        private void teamMqtt(String path, Map<String, Param> params, String uriPointer, boolean consumer) {
            List<Param> topics = new ArrayList<>();
            topics.add(new Param(JsonNodeFactory.instance.textNode(percentDecoded(path)), uriPointer));
            if (params.containsKey("topic")) {
                topics.add(params.get("topic"));
            }
            for (Param param : topics) {
                String raw = param.value().asText("");
                Optional<String> resolved = resolve(raw);
                if (resolved.isEmpty()) {
                    problem(param.pointer(), "MQTT topic '" + raw + "' has a placeholder that cannot be resolved here, so it"
                            + " cannot be checked against the hub's topics (permit-hub.routes.team.reserved-mqtt-publish-topics)");
                    continue;
                }
                String topic = resolved.get();
                if (topic.startsWith("$share/")) {
                    String group = topic.split("/", -1)[1];
                    if (rules.team().reservedMqttSharedGroups().contains(group)) {
                        problem(param.pointer(), "MQTT shared subscription '$share/" + group + "/' is not allowed in a team"
                                + " route file: it is the hub's group, and the broker would hand the hub's messages to this"
                                + " route instead (permit-hub.routes.team.reserved-mqtt-shared-groups: "
                                + String.join(", ", rules.team().reservedMqttSharedGroups()) + ")");
                    }
                }
                if (!consumer) {
                    reservedMqttTopic(topic, param.pointer(), "publishing to");
                }
            }
            Param will = params.get("willTopic");
            if (will != null) {
                reservedMqttTopic(resolve(will.value().asText("")).orElse(will.value().asText("")), will.pointer(),
                        "a last-will message on");
            }
            Param clientId = params.get("clientId");
            if (clientId != null) {
                String raw = clientId.value().asText("");
                String value = resolve(raw).orElse(raw);
                rules.team().reservedMqttClientIdPrefixes().stream().filter(value::startsWith).findFirst().ifPresent(prefix ->
                        problem(clientId.pointer(), "MQTT client id '" + value + "' is not allowed in a team route file: ids"
                                + " starting with '" + prefix + "' are the hub's, and the broker disconnects a client when"
                                + " another connects with its id (permit-hub.routes.team.reserved-mqtt-client-id-prefixes: "
                                + String.join(", ", rules.team().reservedMqttClientIdPrefixes()) + ")"));
            }
        }

        private void reservedMqttTopic(String topic, String pointer, String what) {
            rules.team().reservedMqttPublishTopics().stream().filter(reserved -> mqttOverlap(topic, reserved)).findFirst()
                    .ifPresent(reserved -> problem(pointer, what + " MQTT topic '" + topic + "' is not allowed in a team route"
                            + " file: it reaches the hub's reserved topic '" + reserved + "' (doors and site alarms are"
                            + " commanded only by the hub, after its permit checks, and only devices publish the readings and"
                            + " events the hub acts on; permit-hub.routes.team.reserved-mqtt-publish-topics: "
                            + String.join(", ", rules.team().reservedMqttPublishTopics()) + ")"));
        }

        private void catalogCheck(String uri, String component, Map<String, Param> params, String uriPointer, boolean consumer) {
            StringBuilder full = new StringBuilder(uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri);
            char separator = '?';
            for (var entry : params.entrySet()) {
                full.append(separator).append(entry.getKey()).append('=').append(entry.getValue().value().asText());
                separator = '&';
            }
            EndpointValidationResult result;
            try {
                result = catalog.validateEndpointProperties(full.toString(), false, consumer, !consumer);
            } catch (RuntimeException e) {
                problem(uriPointer, "endpoint '" + abbreviate(uri) + "': " + e.getMessage());
                return;
            }
            if (result.getUnknownComponent() != null) {
                problem(uriPointer, "component '" + component + "' is not on the hub's classpath");
                return;
            }
            if (result.getSyntaxError() != null) {
                problem(uriPointer, "endpoint '" + abbreviate(uri) + "': " + result.getSyntaxError());
            }
            if (result.getIncapable() != null) {
                problem(uriPointer, "endpoint '" + abbreviate(uri) + "' cannot be checked: " + result.getIncapable());
            }
            optionProblems(result.getUnknown(), params, uriPointer, option -> "unknown option '" + option + "' of " + component
                    + suggestions(result.getUnknownSuggestions(), option));
            optionProblems(result.getRequired(), Map.of(), uriPointer, option -> component + " needs option '" + option + "'");
            optionProblems(result.getNotConsumerOnly(), params, uriPointer,
                    option -> "option '" + option + "' of " + component + " is for producers ('to'), not for 'from'");
            optionProblems(result.getNotProducerOnly(), params, uriPointer,
                    option -> "option '" + option + "' of " + component + " is for consumers ('from'), not for 'to'");
            invalid(result.getInvalidInteger(), params, uriPointer, "an integer");
            invalid(result.getInvalidNumber(), params, uriPointer, "a number");
            invalid(result.getInvalidBoolean(), params, uriPointer, "true or false");
            invalid(result.getInvalidDuration(), params, uriPointer, "a duration (e.g. 5000 or 5s)");
            invalid(result.getInvalidEnum(), params, uriPointer, "one of its allowed values");
            invalid(result.getInvalidReference(), params, uriPointer, "a #reference");
        }

        private String suggestions(Map<?, ?> suggestions, String option) {
            Object found = suggestions == null ? null : suggestions.get(option);
            if (found instanceof String[] names && names.length > 0) {
                return " (did you mean " + String.join(", ", names) + "?)";
            }
            return "";
        }

        private void optionProblems(Set<?> options, Map<String, Param> params, String uriPointer,
                java.util.function.Function<String, String> message) {
            if (options == null) {
                return;
            }
            for (Object option : options) {
                Param param = params.get(String.valueOf(option));
                problem(param == null ? uriPointer : param.pointer(), message.apply(String.valueOf(option)));
            }
        }

        private void invalid(Map<?, ?> invalid, Map<String, Param> params, String uriPointer, String expected) {
            if (invalid == null) {
                return;
            }
            invalid.forEach((option, value) -> {
                Param param = params.get(String.valueOf(option));
                problem(param == null ? uriPointer : param.pointer(),
                        "option '" + option + "' must be " + expected + ", not '" + value + "'");
            });
        }

        private void file(String path, Map<String, Param> params, String uriPointer) {
            String folder = path.startsWith("//") ? path.substring(2) : path;
            Optional<String> resolved = resolve(folder);
            if (resolved.isEmpty()) {
                problem(uriPointer, "file folder '" + folder + "' has a placeholder that cannot be resolved here");
                return;
            }
            Path dir = Path.of(resolved.get()).toAbsolutePath().normalize();
            List<Path> folders = team ? teamFileDirs : allowedFileDirs;
            if (folders.stream().noneMatch(dir::startsWith)) {
                problem(uriPointer, "file folder '" + dir + "' is outside the allowed folders"
                        + (team ? " of team route files (permit-hub.routes.team.allowed-file-dirs: " : " (permit-hub.routes.allowed-file-dirs: ")
                        + folders.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")");
            }
            Param jail = params.get("jailStartingDirectory");
            if (team && jail != null && !"true".equalsIgnoreCase(jail.value().asText())) {
                problem(jail.pointer(), "file option 'jailStartingDirectory' must stay true in a team route file: a file"
                        + " name header could otherwise write outside the folder (permit-hub.routes.team.allowed-file-dirs)");
            }
            params.forEach((name, param) -> {
                String value = param.value().asText();
                if (value.contains("..") || value.startsWith("/") || value.contains("${file:parent}")) {
                    problem(param.pointer(), "file option '" + name + "' must stay inside the folder (no '..' or absolute paths)");
                }
            });
        }

        private Optional<String> resolve(String value) {
            if (!value.contains("{{")) {
                return Optional.of(value);
            }
            try {
                return Optional.of(camel.resolvePropertyPlaceholders(value));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        private void kamelet(String name, Map<String, Param> params, String pointer, boolean consumer) {
            if ("source".equals(name) || "sink".equals(name)) {
                problem(pointer, "kamelet:" + name + " is only for Kamelet templates");
                return;
            }
            Optional<KameletCatalog.Kamelet> found = kamelets.find(name);
            if (found.isEmpty()) {
                problem(pointer, "unknown Kamelet '" + name + "' (catalog: "
                        + kamelets.all().stream().map(KameletCatalog.Kamelet::name).collect(Collectors.joining(", ")) + ")");
                return;
            }
            KameletCatalog.Kamelet kamelet = found.get();
            if (consumer && !"source".equals(kamelet.type())) {
                problem(pointer, "Kamelet '" + name + "' is a " + kamelet.type() + ": it cannot start a route ('from')");
            } else if (!consumer && "source".equals(kamelet.type())) {
                problem(pointer, "Kamelet '" + name + "' is a source: use it in 'from', not in 'to'");
            }
            JsonNode properties = kamelet.definition().path("properties");
            for (String required : kamelet.required()) {
                if (!params.containsKey(required) && !properties.path(required).has("default")) {
                    problem(pointer, "Kamelet '" + name + "' needs parameter '" + required + "' ("
                            + properties.path(required).path("title").asText(required) + ")");
                }
            }
            ObjectNode typed = JsonNodeFactory.instance.objectNode();
            Map<String, String> pointers = new LinkedHashMap<>();
            for (var entry : params.entrySet()) {
                String parameter = entry.getKey();
                if (!properties.has(parameter)) {
                    problem(entry.getValue().pointer(), "Kamelet '" + name + "' has no parameter '" + parameter
                            + "' (parameters: " + String.join(", ", iterable(properties.fieldNames())) + ")");
                    continue;
                }
                JsonNode value = entry.getValue().value();
                if (value.isTextual() && value.asText().contains("{{")) {
                    continue; // resolved at run time; its type cannot be known here
                }
                typed.set(parameter, coerce(value, properties.get(parameter).path("type").asText("string")));
                pointers.put("/" + YamlTree.escape(parameter), entry.getValue().pointer());
            }
            for (ValidationMessage message : kamelets.parameterSchema(kamelet).validate(typed)) {
                if ("required".equals(message.getType())) {
                    continue; // reported above, with defaults taken into account
                }
                String at = message.getInstanceLocation().toString();
                String parameter = at.startsWith("/") ? at.substring(1).split("/")[0] : at;
                problem(pointers.getOrDefault("/" + parameter, pointer),
                        "Kamelet '" + name + "' parameter '" + parameter + "': " + message.getError());
            }
        }

        /** Query parameters are text; the Kamelet's schema says what they must parse as. */
        private JsonNode coerce(JsonNode value, String type) {
            if (!value.isTextual()) {
                return value;
            }
            String text = value.asText();
            try {
                switch (type) {
                    case "integer":
                        return JsonNodeFactory.instance.numberNode(new java.math.BigInteger(text.trim()));
                    case "number":
                        return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(text.trim()));
                    case "boolean":
                        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
                        }
                        return value;
                    default:
                        return value;
                }
            } catch (NumberFormatException e) {
                return value;
            }
        }

        /** Lets Camel's own YAML loader build the model (not add it), for what the schema cannot see. */
        void camelModel(String text) {
            try {
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel)
                        .findRoutesBuilders(List.of(ResourceHelper.fromString(file, text)), true)) {
                    if (builder instanceof RouteBuilder routeBuilder) {
                        routeBuilder.configureRoutes(camel);
                    }
                }
            } catch (MarkedYamlEngineException e) {
                var mark = e.getProblemMark().or(e::getContextMark);
                problems.add(new RouteProblem(file, mark.map(m -> m.getLine() + 1).orElse(0),
                        mark.map(m -> m.getColumn() + 1).orElse(0), "Camel: " + e.getProblem()));
            } catch (Exception e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof MarkedYamlEngineException)) {
                    cause = cause.getCause();
                }
                if (cause instanceof MarkedYamlEngineException marked) {
                    var mark = marked.getProblemMark().or(marked::getContextMark);
                    problems.add(new RouteProblem(file, mark.map(m -> m.getLine() + 1).orElse(0),
                            mark.map(m -> m.getColumn() + 1).orElse(0), "Camel: " + marked.getProblem()));
                } else {
                    problems.add(new RouteProblem(file, 0, 0, "Camel: " + cause.getMessage()));
                }
            }
        }
    }

    private record Param(JsonNode value, String pointer) {}

    /**
     * Whether one topic can match both MQTT topic filters (MQTT 5 §4.7: '+' one level, '#' the rest,
     * including the parent level). A plain topic is a filter without wildcards.
     */
    static boolean mqttOverlap(String first, String second) {
        String[] a = first.split("/", -1);
        String[] b = second.split("/", -1);
        int level = 0;
        for (; level < a.length && level < b.length; level++) {
            if ("#".equals(a[level]) || "#".equals(b[level])) {
                return true;
            }
            if (!a[level].equals(b[level]) && !"+".equals(a[level]) && !"+".equals(b[level])) {
                return false;
            }
        }
        if (a.length == b.length) {
            return true;
        }
        String[] longer = a.length > b.length ? a : b;
        return longer.length == level + 1 && "#".equals(longer[level]);
    }

    /** {@code %2B} and {@code %23} in an endpoint path; a literal '+' stays a wildcard. */
    private static String percentDecoded(String path) {
        try {
            return path.contains("%") ? URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8) : path;
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }

    /** The file's id: its name without {@code .camel.yaml} (the admin API's id, the file name of a folder). */
    static String fileId(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return name.replaceFirst("(\\.camel)?\\.ya?ml$", "");
    }

    /**
     * Camel's loader reads a YAML number or boolean as text where the DSL expects text (e.g.
     * {@code constant: false}); the schema does not. Such scalars become text and the tree is checked again.
     */
    private static Set<ValidationMessage> textWhereTextIsExpected(JsonNode tree) {
        Set<ValidationMessage> messages = yamlDslSchema().validate(tree);
        for (int round = 0; round < 5 && !messages.isEmpty(); round++) {
            boolean changed = false;
            for (ValidationMessage message : messages) {
                JsonNode instance = message.getInstanceNode();
                if (!"type".equals(message.getType()) || instance == null || !instance.isValueNode()
                        || message.getArguments() == null || message.getArguments().length < 2) {
                    continue;
                }
                String expected = String.valueOf(message.getArguments()[1]);
                String pointer = message.getInstanceLocation().toString();
                if (!instance.isTextual() && "string".equals(expected)) {
                    changed |= replace(tree, pointer, JsonNodeFactory.instance.textNode(instance.asText()));
                } else if (instance.isTextual() && instance.asText().contains("{{")) {
                    // a property placeholder: its value is known only at run time
                    changed |= replace(tree, pointer, "boolean".equals(expected)
                            ? JsonNodeFactory.instance.booleanNode(false) : JsonNodeFactory.instance.numberNode(0));
                }
            }
            if (!changed) {
                break;
            }
            messages = yamlDslSchema().validate(tree);
        }
        return messages;
    }

    private static boolean replace(JsonNode tree, String pointer, JsonNode replacement) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        JsonNode parent = tree.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object && object.get(last) != null && !object.get(last).equals(replacement)) {
            object.set(last, replacement);
            return true;
        }
        if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array && last.matches("\\d+")) {
            int index = Integer.parseInt(last);
            if (index < array.size() && !array.get(index).equals(replacement)) {
                array.set(index, replacement);
                return true;
            }
        }
        return false;
    }

    private static Iterable<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    static JsonSchema yamlDslSchema() {
        JsonSchema schema = yamlDslSchema;
        if (schema == null) {
            synchronized (RouteValidator.class) {
                if (yamlDslSchema == null) {
                    try (InputStream in = RouteValidator.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
                        if (in == null) {
                            throw new IllegalStateException("schema/camelYamlDsl.json (camel-yaml-dsl) is not on the classpath");
                        }
                        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
                        // Camel's schema marks options 'deprecated', a keyword draft-04 does not know
                        JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                                .keyword(new NonValidationKeyword("deprecated")).build();
                        yamlDslSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                                builder -> builder.metaSchema(draft4).defaultMetaSchemaIri(draft4.getIri())).getSchema(in, config);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                schema = yamlDslSchema;
            }
        }
        return schema;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
