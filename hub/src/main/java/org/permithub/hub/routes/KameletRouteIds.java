package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Gives every {@code kamelet:} endpoint of a route file a route id of its own,
 * {@code <route id>.<kamelet>} (then {@code -2}, {@code -3} … within one route). Camel caches
 * endpoints by URI, so without an id every route calling {@code kamelet:alarm-sink} would share
 * the one Kamelet route the first of them created, and that route would go when its first user's
 * file is removed. A pinned id also keeps the Kamelet route's name (and its metrics) stable across
 * restarts and replaces.
 */
final class KameletRouteIds {

    private KameletRouteIds() {}

    /** The file with its Kamelet endpoints pinned (as JSON, which Camel's YAML DSL reads), or unchanged if none needs it. */
    static String pin(String yaml) {
        JsonNode root = YamlTree.parse(yaml).root().deepCopy();
        boolean changed = false;
        for (ObjectNode route : RouteDeployments.routes(root).filter(route -> route.hasNonNull("id")).toList()) {
            changed |= pin(route, route.get("id").asText(), new HashMap<>());
        }
        return changed ? root.toString() : yaml;
    }

    private static boolean pin(JsonNode node, String routeId, Map<String, Integer> uses) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String pinned = ("uri".equals(field.getKey()) || "to".equals(field.getKey())) && field.getValue().isTextual()
                        ? pinned(field.getValue().asText(), routeId, uses) : null;
                if (pinned != null) {
                    field.setValue(object.textNode(pinned));
                    changed = true;
                } else {
                    changed |= pin(field.getValue(), routeId, uses);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                changed |= pin(element, routeId, uses);
            }
        }
        return changed;
    }

    /** {@code kamelet:name?query} → {@code kamelet:name/<routeId>.name?query}; null when there is nothing to pin. */
    static String pinned(String uri, String routeId, Map<String, Integer> uses) {
        if (!uri.startsWith("kamelet:")) {
            return null;
        }
        String rest = uri.substring("kamelet:".length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.contains("/") || "source".equals(path) || "sink".equals(path)) {
            return null; // an id of its own already, or a Kamelet's own template
        }
        int use = uses.merge(path, 1, Integer::sum);
        return "kamelet:" + path + "/" + routeId + "." + path + (use == 1 ? "" : "-" + use)
                + (query < 0 ? "" : rest.substring(query));
    }
}
