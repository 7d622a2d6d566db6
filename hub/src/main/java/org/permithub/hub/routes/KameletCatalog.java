package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every {@code *.kamelet.yaml} on the Kamelet locations (the hub's own in {@code classpath:kamelets},
 * the connectors' in the same folder of their jar, and any {@code file:} folder configured in
 * {@code camel.component.kamelet.location}), with its parameter schema. The first Kamelet of a name wins,
 * as Camel's own lookup does.
 */
public final class KameletCatalog {

    /** One Kamelet: its name, type (source, sink or action), and JSON-Schema parameter block. */
    public record Kamelet(String name, String type, String title, String description, JsonNode definition,
            JsonNode types, String location) {

        public List<String> required() {
            List<String> required = new ArrayList<>();
            definition.path("required").forEach(n -> required.add(n.asText()));
            return required;
        }
    }

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private final Map<String, Kamelet> kamelets;
    private final Map<String, JsonSchema> parameterSchemas = new java.util.concurrent.ConcurrentHashMap<>();

    private KameletCatalog(Map<String, Kamelet> kamelets) {
        this.kamelets = kamelets;
    }

    /** @param locations as {@code camel.component.kamelet.location}: comma-separated {@code classpath:} or {@code file:} folders */
    public static KameletCatalog load(String locations, ClassLoader classLoader) {
        var resolver = new PathMatchingResourcePatternResolver(classLoader);
        Map<String, Kamelet> found = new TreeMap<>();
        for (String location : locations.split(",")) {
            String folder = location.trim();
            if (folder.isEmpty()) {
                continue;
            }
            if (folder.startsWith("classpath:")) {
                // every jar's folder, not only the first one the class loader finds
                folder = "classpath*:" + folder.substring("classpath:".length());
            }
            if (!folder.contains(":")) {
                folder = "file:" + folder;
            }
            try {
                for (Resource resource : resolver.getResources(stripSlash(folder) + "/*.kamelet.yaml")) {
                    Kamelet kamelet = read(resource);
                    found.putIfAbsent(kamelet.name(), kamelet);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list Kamelets in " + folder, e);
            }
        }
        return new KameletCatalog(found);
    }

    public Collection<Kamelet> all() {
        return kamelets.values();
    }

    public Optional<Kamelet> find(String name) {
        return Optional.ofNullable(kamelets.get(name));
    }

    /** The Kamelet's {@code spec.definition} as a JSON Schema for its parameters. */
    JsonSchema parameterSchema(Kamelet kamelet) {
        return parameterSchemas.computeIfAbsent(kamelet.name(), name -> SCHEMAS.getSchema(kamelet.definition(),
                com.networknt.schema.SchemaValidatorsConfig.builder().pathType(com.networknt.schema.PathType.JSON_POINTER).build()));
    }

    private static Kamelet read(Resource resource) throws IOException {
        String text = new String(resource.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String fileName = resource.getFilename() == null ? "" : resource.getFilename();
        JsonNode root = YamlTree.parse(text).root();
        String name = root.path("metadata").path("name").asText(fileName.replace(".kamelet.yaml", ""));
        String type = root.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText("unknown");
        JsonNode definition = root.path("spec").path("definition");
        return new Kamelet(name, type, definition.path("title").asText(name), definition.path("description").asText(""),
                definition.isMissingNode() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : definition,
                root.path("spec").path("types").isMissingNode() ? null : root.path("spec").path("types"),
                resource.getDescription());
    }

    private static String stripSlash(String folder) {
        return folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    }
}
