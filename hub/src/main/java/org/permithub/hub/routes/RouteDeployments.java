package org.permithub.hub.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.permithub.api.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads, replaces and removes route files while the hub runs. Nothing of a file runs before it
 * passed {@link RouteValidator}; a rejected or failing file is reported and leaves every other
 * route as it was.
 *
 * <p>A replace stops the old version's routes gracefully first (a Kafka consumer finishes its
 * record and commits what it processed), then starts the new version. If the new version fails to
 * start, its routes are removed and the old version is loaded again from its stored text. The order
 * is chosen for consumer groups: two versions consuming at once would only split the partitions
 * between them, and the new one must not read before the old one has committed.
 */
@Service
public class RouteDeployments {

    public enum Status { RUNNING, REJECTED, FAILED }

    /** One route file as the hub holds it. {@code source} is the file, or {@code admin-api}. */
    public record Deployment(String id, String source, String sha256, Status status, List<String> routeIds,
            List<String> routeConfigurationIds, List<RouteProblem> problems, String updatedBy, Instant updatedAt,
            String yaml) {}

    static final String API_SOURCE = "admin-api";
    private static final Logger LOG = LoggerFactory.getLogger(RouteDeployments.class);
    private static final Pattern DEFINES_CONFIGURATION = Pattern.compile("(?m)^\\s*-\\s*routeConfiguration\\s*:");
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private final CamelContext camel;
    private final RouteValidator validator;
    private final RouteChangeLog changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Path routesDir;
    private final RoutesProperties properties;
    private final Map<String, Deployment> deployments = new TreeMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    public RouteDeployments(CamelContext camel, RouteValidator validator, RouteChangeLog changes, TransactionTemplate tx,
            Clock clock, @Value("${permit-hub.routes-dir}") String routesDir, RoutesProperties properties) {
        this.camel = camel;
        this.validator = validator;
        this.changes = changes;
        this.tx = tx;
        this.clock = clock;
        this.routesDir = Path.of(routesDir);
        this.properties = properties;
    }

    /**
     * Start-up: the files of {@code permit-hub.routes-dir} and {@code permit-hub.routes.extra-dir}
     * (those that define route configurations first), then the files deployed through the API.
     */
    void loadAtStartup() {
        lock.lock();
        try {
            List<Path> files = new ArrayList<>(files(routesDir));
            if (properties.extraDir() != null && !properties.extraDir().isBlank()) {
                files.addAll(files(Path.of(properties.extraDir())));
            }
            List<Path> configurationsFirst = files.stream()
                    .sorted(Comparator.comparing((Path file) -> !DEFINES_CONFIGURATION.matcher(read(file)).find())
                            .thenComparing(file -> file.getFileName().toString()))
                    .toList();
            for (Path file : configurationsFirst) {
                String id = file.getFileName().toString().replaceFirst("\\.camel\\.yaml$", "");
                if (deployments.containsKey(id)) {
                    LOG.error("route file {} rejected: a file named {} was already loaded from {}", file, id,
                            deployments.get(id).source());
                    continue;
                }
                loadFile(id, file.toAbsolutePath().normalize().toString(), read(file), "start-up", clock.instant());
            }
            for (RouteChangeLog.StoredDeployment stored : changes.current()) {
                if (deployments.containsKey(stored.id())) {
                    LOG.error("deployed route file {} not loaded: a start-up file has the same name", stored.id());
                    continue;
                }
                loadFile(stored.id(), API_SOURCE, stored.yaml(), stored.updatedBy(), stored.updatedAt());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Development watch: a changed start-up file is validated, then replaces its routes. */
    void reloadFile(Path file, String yaml) {
        String id = file.getFileName().toString().replaceFirst("\\.camel\\.yaml$", "");
        lock.lock();
        try {
            Deployment old = deployments.get(id);
            if (old != null && API_SOURCE.equals(old.source())) {
                LOG.error("route file {} not reloaded: {} is deployed through the API", file, id);
                return;
            }
            RouteValidator.Report report = validator.validate(id + ".camel.yaml", yaml, routeConfigurationIds(),
                    RouteOrigin.of(file.toAbsolutePath().normalize().toString(), routesDir));
            if (!report.valid()) {
                report.problems().forEach(problem -> LOG.error("route file {} not reloaded: {}", file, problem));
                return;
            }
            if (old != null) {
                stop(old.routeIds());
                deployments.remove(id);
            }
            loadFile(id, file.toAbsolutePath().normalize().toString(), yaml, "watch", clock.instant());
        } finally {
            lock.unlock();
        }
    }

    private void loadFile(String id, String source, String yaml, String by, Instant at) {
        RouteValidator.Report report = validator.validate(id + ".camel.yaml", yaml, routeConfigurationIds(),
                RouteOrigin.of(source, routesDir));
        List<RouteProblem> problems = new ArrayList<>(report.problems());
        problems.addAll(idConflicts(report, List.of()));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> LOG.error("route file {} rejected: {}", source, problem));
            deployments.put(id, new Deployment(id, source, report.sha256(), Status.REJECTED, List.of(),
                    List.of(), problems, by, at, yaml));
            return;
        }
        try {
            List<String> routeIds = start(id, yaml);
            deployments.put(id, new Deployment(id, source, report.sha256(), Status.RUNNING, routeIds,
                    report.routeConfigurationIds(), List.of(), by, at, yaml));
            LOG.info("route file {} loaded: routes {}", source, routeIds);
        } catch (Exception e) {
            LOG.error("route file {} failed to start: {}", source, rootMessage(e));
            deployments.put(id, new Deployment(id, source, report.sha256(), Status.FAILED, List.of(), List.of(),
                    List.of(new RouteProblem(id + ".camel.yaml", 0, 0, "failed to start: " + rootMessage(e))), by, at, yaml));
        }
    }

    /** Validates without changing anything (for {@code POST /admin/v1/routes:validate}). */
    public RouteValidator.Report validate(String id, String yaml) {
        return validator.validate(id + ".camel.yaml", yaml, routeConfigurationIds(), RouteOrigin.TEAM);
    }

    /**
     * Deploys or replaces the file {@code id}. Throws {@link ApiProblem} 422 with line-level problems
     * when the file is rejected (nothing changed), or when the new version failed to start (the old
     * version runs again).
     */
    public Deployment deploy(String id, String yaml, String actor) {
        requireId(id);
        lock.lock();
        try {
            Deployment old = deployments.get(id);
            if (old != null && !API_SOURCE.equals(old.source())) {
                throw new ApiProblem(409, "ROUTE_FROM_FILE", "Route file is managed as a file",
                        id + " was loaded from " + old.source() + "; change that file instead");
            }
            RouteValidator.Report report = validate(id, yaml);
            List<RouteProblem> problems = new ArrayList<>(report.problems());
            if (!report.routeConfigurationIds().isEmpty()) {
                problems.add(new RouteProblem(id + ".camel.yaml", 0, 0, "a deployed file may not define routeConfigurations "
                        + report.routeConfigurationIds() + "; shared error handling lives in the start-up files"));
            }
            boolean running = old != null && old.status() == Status.RUNNING;
            problems.addAll(idConflicts(report, running ? old.routeIds() : List.of()));
            if (!problems.isEmpty()) {
                throw rejected(problems);
            }
            Instant now = clock.instant();
            List<String> routeIds = tx.execute(status -> {
                changes.record(id, old == null ? "DEPLOY" : "REPLACE", actor, now, yaml, report.sha256());
                return swap(id, running ? old : null, yaml);
            });
            Deployment deployed = new Deployment(id, API_SOURCE, report.sha256(), Status.RUNNING, routeIds, List.of(),
                    List.of(), actor, now, yaml);
            deployments.put(id, deployed);
            LOG.info("route file {} {} by {}: routes {}, sha256 {}", id, old == null ? "deployed" : "replaced", actor,
                    routeIds, report.sha256());
            return deployed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops and removes the file's routes; the change is stored and anchored. */
    public void remove(String id, String actor) {
        requireId(id);
        lock.lock();
        try {
            Deployment old = deployments.get(id);
            if (old == null) {
                throw ApiProblem.notFound("ROUTE_NOT_FOUND", "no deployed route file " + id);
            }
            if (!API_SOURCE.equals(old.source())) {
                throw new ApiProblem(409, "ROUTE_FROM_FILE", "Route file is managed as a file",
                        id + " was loaded from " + old.source() + "; remove that file instead");
            }
            tx.executeWithoutResult(status -> {
                changes.record(id, "DELETE", actor, clock.instant(), null, null);
                stop(old.routeIds());
            });
            deployments.remove(id);
            LOG.info("route file {} removed by {}: routes {}", id, actor, old.routeIds());
        } finally {
            lock.unlock();
        }
    }

    public List<Deployment> all() {
        lock.lock();
        try {
            return List.copyOf(deployments.values());
        } finally {
            lock.unlock();
        }
    }

    public Optional<Deployment> find(String id) {
        lock.lock();
        try {
            return Optional.ofNullable(deployments.get(id));
        } finally {
            lock.unlock();
        }
    }

    /** Old version out (graceful), new version in; on failure the old version again. Returns the new route ids. */
    private List<String> swap(String id, Deployment old, String yaml) {
        if (old != null) {
            stop(old.routeIds());
        }
        try {
            return start(id, yaml);
        } catch (Exception e) {
            String reason = rootMessage(e);
            if (old != null) {
                try {
                    start(id, old.yaml());
                    LOG.warn("route file {}: new version failed ({}); the previous version runs again", id, reason);
                } catch (Exception restore) {
                    deployments.put(id, new Deployment(id, API_SOURCE, old.sha256(), Status.FAILED, List.of(), List.of(),
                            List.of(new RouteProblem(id + ".camel.yaml", 0, 0, "failed to restart: " + rootMessage(restore))),
                            old.updatedBy(), old.updatedAt(), old.yaml()));
                    LOG.error("route file {}: previous version failed to restart: {}", id, rootMessage(restore));
                }
            }
            throw new ApiProblem(422, "ROUTE_START_FAILED", "Route failed to start",
                    "the new version of " + id + " failed to start: " + reason
                            + (old == null ? "" : "; the previous version runs again"));
        }
    }

    /** Adds the file's routes to the running context; on failure removes whatever of them was added. */
    private List<String> start(String id, String yaml) throws Exception {
        Set<String> before = routeIds();
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(id + ".camel.yaml", yaml));
            List<String> added = added(before);
            for (String routeId : added) {
                if (!camel.getRouteController().getRouteStatus(routeId).isStarted()) {
                    camel.getRouteController().startRoute(routeId);
                }
            }
            return added;
        } catch (Exception e) {
            stop(added(before));
            throw e;
        }
    }

    /**
     * Stops and removes routes: those fed from outside first (a Kafka consumer finishes its record
     * and commits what it processed), then the routes fed by a Kamelet (a user route behind a source
     * Kamelet, a sink Kamelet's template), so nothing is handed to a route that already stopped.
     */
    private void stop(List<String> routeIds) {
        List<String> ordered = routeIds.stream()
                .sorted(Comparator.comparing(this::fedByKamelet))
                .toList();
        for (String routeId : ordered) {
            if (camel.getRoute(routeId) == null) {
                continue; // removed together with its parent
            }
            try {
                camel.getRouteController().stopRoute(routeId, 30, TimeUnit.SECONDS);
                camel.removeRoute(routeId);
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop route " + routeId + ": " + rootMessage(e), e);
            }
        }
    }

    private boolean fedByKamelet(String routeId) {
        Route route = camel.getRoute(routeId);
        return route != null && route.getEndpoint().getEndpointUri().startsWith("kamelet:");
    }

    private List<String> added(Set<String> before) {
        return camel.getRoutes().stream().map(Route::getRouteId).filter(routeId -> !before.contains(routeId)).toList();
    }

    private Set<String> routeIds() {
        Set<String> ids = new LinkedHashSet<>();
        camel.getRoutes().forEach(route -> ids.add(route.getRouteId()));
        return ids;
    }

    /** Route configurations defined in the running hub (start-up files and the hub's Java routes). */
    Set<String> routeConfigurationIds() {
        Set<String> ids = new LinkedHashSet<>();
        camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId).forEach(ids::add);
        return ids;
    }

    private List<RouteProblem> idConflicts(RouteValidator.Report report, List<String> replaced) {
        List<RouteProblem> problems = new ArrayList<>();
        for (String routeId : report.routeIds()) {
            if (camel.getRoute(routeId) != null && !replaced.contains(routeId)) {
                problems.add(new RouteProblem(report.file(), 0, 0, "route id '" + routeId + "' is already used by "
                        + deployments.values().stream().filter(d -> d.routeIds().contains(routeId)).map(Deployment::id)
                                .findFirst().map(d -> "route file " + d).orElse("the hub")));
            }
        }
        return problems;
    }

    static ApiProblem rejected(List<RouteProblem> problems) {
        return new ApiProblem(422, "ROUTE_INVALID", "Route file rejected",
                problems.size() + " problem(s); nothing was changed: " + problems.get(0),
                Map.of("problems", problems));
    }

    private static void requireId(String id) {
        if (id == null || !DEPLOYMENT_ID.matcher(id).matches()) {
            throw ApiProblem.invalidField("id", "must be lower-case letters, digits and '-', at most 63 characters");
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.warn("route folder {} does not exist; no routes loaded from it", dir.toAbsolutePath());
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
