package org.permithub.hub.routes;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permit-hub.routes.*}: what a route file written by an IT team may use. Documented in
 * hub/README.md; the CLI reads the same defaults from the jar's application.yml.
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
 */
@ConfigurationProperties("permit-hub.routes")
public record RoutesProperties(String extraDir, boolean watch, List<String> allowedComponents,
        List<String> deniedComponents, List<String> allowedBeans, List<String> allowedDirectEndpoints, List<String> allowedFileDirs,
        List<String> deniedLanguages, List<String> deniedPatterns) {

    public RoutesProperties {
        allowedComponents = allowedComponents == null ? List.of() : List.copyOf(allowedComponents);
        deniedComponents = deniedComponents == null ? List.of() : List.copyOf(deniedComponents);
        allowedBeans = allowedBeans == null ? List.of() : List.copyOf(allowedBeans);
        allowedDirectEndpoints = allowedDirectEndpoints == null ? List.of() : List.copyOf(allowedDirectEndpoints);
        allowedFileDirs = allowedFileDirs == null ? List.of() : List.copyOf(allowedFileDirs);
        deniedLanguages = deniedLanguages == null ? List.of() : List.copyOf(deniedLanguages);
        deniedPatterns = deniedPatterns == null ? List.of() : List.copyOf(deniedPatterns);
    }
}
