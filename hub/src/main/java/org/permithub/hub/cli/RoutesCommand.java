package org.permithub.hub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.hub.routes.KameletCatalog;
import org.permithub.hub.routes.RouteOrigin;
import org.permithub.hub.routes.RouteProblem;
import org.permithub.hub.routes.RouteValidator;
import org.permithub.hub.routes.RoutesProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code routes validate FILE... [--routes-dir DIR] [--hub]}: the checks the hub makes before it loads a
 * route file, without the hub, for an IT team's own CI. Files are checked as {@link RouteOrigin#TEAM}
 * files (the extra folder, the admin API); {@code --hub} checks the hub's own files of its routes
 * folder with the hub's rules instead. The rules are the jar's defaults
 * ({@code permit-hub.routes.*} in its application.yml; override with {@code -Dpermit-hub.routes...}
 * or environment variables). Route configurations are those of the given files, of the routes
 * folder ({@code ./routes} unless given) and the hub's own. Exit 0 when every file is valid, 1 when
 * one is not, 2 on a usage error.
 */
public final class RoutesCommand {

    static final String USAGE = "usage: java -jar permit-hub.jar routes validate FILE.camel.yaml... [--routes-dir DIR] [--hub]"
            + "\n  --hub  check with the rules of the hub's own routes folder (default: the rules of team route files)";

    private RoutesCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !"validate".equals(args[0])) {
            err.println(USAGE);
            return 2;
        }
        List<Path> files = new ArrayList<>();
        Path routesDir = Path.of("routes");
        RouteOrigin origin = RouteOrigin.TEAM;
        for (int i = 1; i < args.length; i++) {
            if ("--routes-dir".equals(args[i]) && i + 1 < args.length) {
                routesDir = Path.of(args[++i]);
            } else if ("--hub".equals(args[i])) {
                origin = RouteOrigin.HUB;
            } else if (args[i].startsWith("--")) {
                err.println(USAGE);
                return 2;
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("cannot read " + file + ": " + e.getMessage());
                return 2;
            }
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            RouteValidator validator = validator(camel);
            Set<String> known = knownRouteConfigurations(validator, routesDir, texts);
            boolean allValid = true;
            out.println(origin == RouteOrigin.TEAM
                    ? "rules of team route files (permit-hub.routes.* and permit-hub.routes.team.*); --hub for the hub's own files"
                    : "rules of the hub's own route files (permit-hub.routes.*)");
            for (var entry : texts.entrySet()) {
                RouteValidator.Report report = validator.validate(entry.getKey().toString(), entry.getValue(), known, origin);
                if (report.valid()) {
                    out.printf("%s: OK (routes %s)%n", entry.getKey(), String.join(", ", report.routeIds()));
                } else {
                    allValid = false;
                    for (RouteProblem problem : report.problems()) {
                        out.println(problem);
                    }
                }
            }
            out.println(allValid ? "all route files valid" : "route files have problems");
            return allValid ? 0 : 1;
        } catch (IOException e) {
            // closing a context that never started; the verdict is already printed
            return 2;
        }
    }

    /** The validator with the jar's rules, outside the hub (the context is only for the catalog and the YAML loader). */
    public static RouteValidator validator(CamelContext camel) {
        StandardEnvironment environment = environment();
        RoutesProperties rules = Binder.get(environment).bind("permit-hub.routes", RoutesProperties.class)
                .orElseThrow(() -> new IllegalStateException("no permit-hub.routes in application.yml"));
        String kamelets = environment.getProperty("camel.component.kamelet.location", "classpath:kamelets");
        // {{permit-hub.data-dir}} and the like resolve as the hub would resolve them by default
        camel.getPropertiesComponent().addPropertiesSource(new org.apache.camel.spi.PropertiesSource() {
            @Override
            public String getName() {
                return "permit-hub application.yml";
            }

            @Override
            public String getProperty(String name) {
                return environment.getProperty(name);
            }
        });
        return new RouteValidator(rules, KameletCatalog.load(kamelets, RoutesCommand.class.getClassLoader()), camel);
    }

    private static Set<String> knownRouteConfigurations(RouteValidator validator, Path routesDir, Map<Path, String> texts) {
        Map<Path, String> all = new LinkedHashMap<>();
        if (Files.isDirectory(routesDir)) {
            try (Stream<Path> listing = Files.list(routesDir)) {
                for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).toList()) {
                    all.put(file, Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        all.putAll(texts);
        Set<String> known = new LinkedHashSet<>(List.of(ApiErrorHandling.ID));
        // only the ids are read here: the hub's rules, so that a team rule does not hide an id
        all.forEach((file, text) -> known.addAll(validator.validate(file.toString(), text, Set.of(), RouteOrigin.HUB)
                .routeConfigurationIds()));
        return known;
    }

    /** The jar's application.yml under system properties and environment variables, as the hub reads them. */
    private static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            for (var source : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return environment;
    }
}
