package org.permithub.hub.routes;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permit-hub.routes.*}: what a route file may use. The lists here apply to every file; a
 * {@link RouteOrigin#TEAM} file (the extra folder, the admin API) is held to {@link Team} on top.
 * Documented in hub/README.md; the CLI reads the same defaults from the jar's application.yml.
 *
 * @param extraDir            a second folder of {@code *.camel.yaml} loaded at start-up (empty = none)
 * @param watch               dev only: reload changed files of both folders (validated like an API deploy)
 * @param allowedComponents   endpoint schemes a route may use
 * @param deniedComponents    schemes refused with a reason, even if someone adds them to the allow-list
 * @param allowedBeans        bean names a route may call ({@code bean}, {@code method}, {@code process} refs)
 * @param allowedDirectEndpoints {@code direct:} names a route may send to (any route may start from {@code direct:})
 * @param allowedFileDirs     folders a {@code file:} endpoint may read or write (and their sub-folders)
 * @param deniedLanguages     expression languages that can run arbitrary code
 * @param deniedPatterns      regular expressions no string in a route file may contain (bean calls and
 *                            context access through Simple, environment and system placeholders)
 * @param team                the stricter rules of {@link RouteOrigin#TEAM} files
 */
@ConfigurationProperties("permit-hub.routes")
public record RoutesProperties(String extraDir, boolean watch, List<String> allowedComponents,
        List<String> deniedComponents, List<String> allowedBeans, List<String> allowedDirectEndpoints, List<String> allowedFileDirs,
        List<String> deniedLanguages, List<String> deniedPatterns, Team team) {

    public RoutesProperties {
        allowedComponents = allowedComponents == null ? List.of() : List.copyOf(allowedComponents);
        deniedComponents = deniedComponents == null ? List.of() : List.copyOf(deniedComponents);
        allowedBeans = allowedBeans == null ? List.of() : List.copyOf(allowedBeans);
        allowedDirectEndpoints = allowedDirectEndpoints == null ? List.of() : List.copyOf(allowedDirectEndpoints);
        allowedFileDirs = allowedFileDirs == null ? List.of() : List.copyOf(allowedFileDirs);
        deniedLanguages = deniedLanguages == null ? List.of() : List.copyOf(deniedLanguages);
        deniedPatterns = deniedPatterns == null ? List.of() : List.copyOf(deniedPatterns);
        team = team == null ? new Team(null, null, null, null, null, null, null, null, null, null, null) : team;
    }

    /**
     * {@code permit-hub.routes.team.*}: what only the hub's own files may do is listed here as
     * reserved; an IT team's file reaches the hub's capabilities through Kamelets.
     *
     * @param allowedComponents       schemes a team file may use (also on {@code allowed-components}); no
     *                                {@code http}/{@code https}: external systems through connector Kamelets
     * @param allowedBeans            bean names a team file may call, or name as a {@code #reference} (default none)
     * @param allowedFileDirs         folders a team file's {@code file:} endpoints may use (and sub-folders)
     * @param reservedKafkaTopics     the hub's topics: a team file neither produces to nor consumes them
     * @param reservedKafkaTopicPrefixes topics starting with these are the hub's (or Kafka's own) too
     * @param reservedKafkaGroupPrefixes consumer group ids starting with these are the hub's
     * @param reservedMqttPublishTopics MQTT topic filters a team file may not publish to (nor set as will
     *                                topic); a team topic is refused when one topic matches both
     * @param reservedMqttSharedGroups shared-subscription groups ({@code $share/<group>/...}) of the hub
     * @param reservedMqttClientIdPrefixes MQTT client ids starting with these are the hub's (a second
     *                                client with the same id disconnects the first)
     * @param deniedHeaders           headers that redirect an endpoint or a Kamelet's call (case-insensitive)
     * @param allowedPlaceholders     property names (or prefixes ending in '.') a team file may read as
     *                                {@code {{name}}}: the hub's settings hold secrets (connector tokens, keys)
     */
    public record Team(List<String> allowedComponents, List<String> allowedBeans, List<String> allowedFileDirs,
            List<String> reservedKafkaTopics, List<String> reservedKafkaTopicPrefixes, List<String> reservedKafkaGroupPrefixes,
            List<String> reservedMqttPublishTopics, List<String> reservedMqttSharedGroups,
            List<String> reservedMqttClientIdPrefixes, List<String> deniedHeaders, List<String> allowedPlaceholders) {

        public Team {
            allowedComponents = copy(allowedComponents);
            allowedBeans = copy(allowedBeans);
            allowedFileDirs = copy(allowedFileDirs);
            reservedKafkaTopics = copy(reservedKafkaTopics);
            reservedKafkaTopicPrefixes = copy(reservedKafkaTopicPrefixes);
            reservedKafkaGroupPrefixes = copy(reservedKafkaGroupPrefixes);
            reservedMqttPublishTopics = copy(reservedMqttPublishTopics);
            reservedMqttSharedGroups = copy(reservedMqttSharedGroups);
            reservedMqttClientIdPrefixes = copy(reservedMqttClientIdPrefixes);
            deniedHeaders = copy(deniedHeaders);
            allowedPlaceholders = copy(allowedPlaceholders);
        }

        private static List<String> copy(List<String> list) {
            return list == null ? List.of() : list.stream().filter(item -> item != null && !item.isBlank()).toList();
        }
    }
}
