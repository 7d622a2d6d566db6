package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.util.URISupport;

/**
 * What a route file consumes that two versions of it cannot share while both run: a
 * {@code direct:} endpoint (Camel allows one consumer), an MQTT client id (the broker keeps one
 * session per id and a second connection takes it over) and a non-shared MQTT subscription (both
 * versions would get every message). Kafka consumer groups, shared subscriptions
 * ({@code $share/…}), timers and folders can be handed over while both run.
 */
final class ConsumerKeys {

    private ConsumerKeys() {}

    /** The keys both versions hold: when not empty, the old version has to stop before the new one starts. */
    static Set<String> shared(String oldYaml, String newYaml) {
        Set<String> shared = of(oldYaml);
        shared.retainAll(of(newYaml));
        return shared;
    }

    static Set<String> of(String yaml) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode route : RouteDeployments.routes(YamlTree.parse(yaml).root()).toList()) {
            JsonNode from = route.path("from");
            String uri = from.path("uri").asText("");
            int colon = uri.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String scheme = uri.substring(0, colon);
            String rest = uri.substring(colon + 1).replaceFirst("^//", "");
            String path = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
            if ("direct".equals(scheme)) {
                keys.add("direct:" + path);
            } else if ("paho-mqtt5".equals(scheme)) {
                String clientId = parameter(from, rest, "clientId");
                if (clientId != null) {
                    keys.add("MQTT client id " + clientId);
                }
                if (!path.startsWith("$share/")) {
                    keys.add("MQTT subscription " + path);
                }
            }
        }
        return keys;
    }

    private static String parameter(JsonNode from, String rest, String name) {
        JsonNode parameter = from.path("parameters").path(name);
        if (!parameter.isMissingNode() && !parameter.isNull()) {
            return parameter.asText();
        }
        if (!rest.contains("?")) {
            return null;
        }
        try {
            Object value = URISupport.parseQuery(rest.substring(rest.indexOf('?') + 1)).get(name);
            return value == null ? null : value.toString();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
