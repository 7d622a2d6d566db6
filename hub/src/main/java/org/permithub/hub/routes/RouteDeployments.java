package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.stream.StreamSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceHelper;
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
 * <p>A replace starts the new version first, beside the old one, under stand-by route ids
 * ({@code <id>~next}); only when it runs does the old version stop (gracefully: a Kafka consumer
 * finishes its records and commits them, and the group hands its partitions to the new version).
 * If the new version fails to start, the old one keeps running untouched. The new version then
 * takes its own ids back by the same start-then-stop step, so ids and per-route metrics stay
 * stable. Where two versions cannot run side by side, because both consume the same
 * {@code direct:} endpoint (Camel allows one consumer) or the same MQTT client session or
 * non-shared subscription (they would take over each other's session or both get every
 * message), the old version stops first and starts again if the new one fails.
 *
 * <p>A file owns the routes it defines and the routes Kamelets created for them (found through
 * each Kamelet route's {@code parentRouteId}), never a route something else added meanwhile. Each
 * use of a Kamelet gets a route of its own ({@link KameletRouteIds}): Camel would otherwise share
 * one Kamelet route between every file that calls the Kamelet with the same parameters, and
 * removing the first file would break the others.
 */
@Service
public class RouteDeployments {

    public enum Status { RUNNING, REJECTED, FAILED }

    /** One route file as the hub holds it. {@code source} is the file, or {@code admin-api}. */
    public record Deployment(String id, String source, String sha256, Status status, List<String> routeIds,
            List<String> routeConfigurationIds, List<RouteProblem> problems, String updatedBy, Instant updatedAt,
            String yaml) {}

    static final String API_SOURCE = "admin-api";
    /** Suffix of a new version's route ids while it runs beside the old version. */
    static final String STANDBY = "~next";
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
                String id = fileId(file);
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

    /**
     * Development watch: a changed start-up file is validated, then replaces its routes like an API
     * deploy (new version first); a file that disappeared takes its routes with it.
     */
    void reloadFile(Path file, String yaml) {
        String id = fileId(file);
        lock.lock();
        try {
            Deployment old = deployments.get(id);
            String source = file.toAbsolutePath().normalize().toString();
            if (old != null && !source.equals(old.source())) {
                LOG.error("route file {} not reloaded: {} comes from {}", file, id, old.source());
                return;
            }
            if (old == null || old.status() != Status.RUNNING) {
                deployments.remove(id);
                loadFile(id, source, yaml, "watch", clock.instant());
                return;
            }
            RouteValidator.Report report = validator.validate(id + ".camel.yaml", yaml, routeConfigurationIds(),
                    RouteOrigin.of(source, routesDir));
            List<RouteProblem> problems = new ArrayList<>(report.problems());
            problems.addAll(idConflicts(report, old.routeIds()));
            if (!problems.isEmpty()) {
                problems.forEach(problem -> LOG.error("route file {} not reloaded: {}", file, problem));
                return;
            }
            try {
                List<String> routeIds = replace(id, old, yaml, report);
                deployments.put(id, new Deployment(id, source, report.sha256(), Status.RUNNING, routeIds,
                        report.routeConfigurationIds(), List.of(), "watch", clock.instant(), yaml));
                LOG.info("route file {} reloaded: routes {}", file, routeIds);
            } catch (ApiProblem failed) {
                LOG.error("route file {} not reloaded: {}", file, failed.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Development watch: the file was deleted, so its routes go too. */
    void fileRemoved(Path file) {
        String id = fileId(file);
        lock.lock();
        try {
            Deployment old = deployments.get(id);
            if (old == null || !file.toAbsolutePath().normalize().toString().equals(old.source())) {
                return;
            }
            stop(old.routeIds());
            deployments.remove(id);
            LOG.info("route file {} deleted: routes {} removed", file, old.routeIds());
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
            List<String> routeIds = start(id, yaml, report.routeIds());
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
     * version keeps running).
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
            long startedNanos = System.nanoTime();
            List<String> routeIds = tx.execute(status -> {
                changes.record(id, old == null ? "DEPLOY" : "REPLACE", actor, now, yaml, report.sha256());
                return running ? replace(id, old, yaml, report) : startNew(id, yaml, report.routeIds());
            });
            Deployment deployed = new Deployment(id, API_SOURCE, report.sha256(), Status.RUNNING, routeIds, List.of(),
                    List.of(), actor, now, yaml);
            deployments.put(id, deployed);
            LOG.info("route file {} {} by {} in {} ms: routes {}, sha256 {}", id, old == null ? "deployed" : "replaced",
                    actor, (System.nanoTime() - startedNanos) / 1_000_000, routeIds, report.sha256());
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

    private List<String> startNew(String id, String yaml, List<String> fileRouteIds) {
        try {
            return start(id, yaml, fileRouteIds);
        } catch (Exception e) {
            throw startFailed(id, e, "");
        }
    }

    /** The running version {@code old} of file {@code id} becomes {@code yaml}. Returns the routes now running. */
    private List<String> replace(String id, Deployment old, String yaml, RouteValidator.Report report) {
        Set<String> shared = ConsumerKeys.shared(old.yaml(), yaml);
        if (!shared.isEmpty()) {
            return replaceStoppingFirst(id, old, yaml, report.routeIds(), shared);
        }
        boolean oldOnStandbyIds = old.routeIds().stream().anyMatch(routeId -> routeId.endsWith(STANDBY));
        if (oldOnStandbyIds) {
            // the old version runs under stand-by ids (an earlier hand-back failed): the new one takes the file's ids at once
            return handOver(id, id, old.routeIds(), yaml, report.routeIds());
        }
        List<String> standbyIds = report.routeIds().stream().map(routeId -> routeId + STANDBY).toList();
        List<String> standby = handOver(id, id + STANDBY, old.routeIds(), withRouteIds(yaml, STANDBY), standbyIds);
        try {
            List<String> own = start(id, yaml, report.routeIds());
            stop(standby);
            return own;
        } catch (Exception e) {
            // not expected (the same routes just started under other ids); the new version goes on as it is
            LOG.warn("route file {}: the new version runs, but under stand-by ids {}: {}", id, standby, rootMessage(e));
            return standby;
        }
    }

    /** New version in, then old version out; if the new one fails the old one was never touched. */
    private List<String> handOver(String id, String resourceId, List<String> oldRouteIds, String yaml,
            List<String> fileRouteIds) {
        List<String> started;
        try {
            started = start(resourceId, yaml, fileRouteIds);
        } catch (Exception e) {
            throw startFailed(id, e, "; the previous version keeps running (it was not stopped)");
        }
        stop(oldRouteIds);
        return started;
    }

    /** Old version out (graceful), new version in; on failure the old version again. Returns the new route ids. */
    private List<String> replaceStoppingFirst(String id, Deployment old, String yaml, List<String> fileRouteIds,
            Set<String> shared) {
        LOG.info("route file {}: old and new version share {}; the old one stops before the new one starts", id, shared);
        stop(old.routeIds());
        try {
            return start(id, yaml, fileRouteIds);
        } catch (Exception e) {
            try {
                start(id, old.yaml(), routeIdsOf(old.yaml()));
                LOG.warn("route file {}: new version failed ({}); the previous version runs again", id, rootMessage(e));
            } catch (Exception restore) {
                deployments.put(id, new Deployment(id, old.source(), old.sha256(), Status.FAILED, List.of(), List.of(),
                        List.of(new RouteProblem(id + ".camel.yaml", 0, 0, "failed to restart: " + rootMessage(restore))),
                        old.updatedBy(), old.updatedAt(), old.yaml()));
                LOG.error("route file {}: previous version failed to restart: {}", id, rootMessage(restore));
            }
            throw startFailed(id, e, "; the previous version runs again");
        }
    }

    private static ApiProblem startFailed(String id, Exception e, String outcome) {
        return new ApiProblem(422, "ROUTE_START_FAILED", "Route failed to start",
                "the new version of " + id + " failed to start: " + rootMessage(e) + outcome);
    }

    /**
     * Adds the file's routes to the running context and starts them; on failure removes whatever
     * of them was added. Returns the routes the file owns: {@code fileRouteIds} and the routes
     * Kamelets created for them.
     */
    private List<String> start(String resourceId, String yaml, List<String> fileRouteIds) throws Exception {
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    ResourceHelper.fromString(resourceId + ".camel.yaml", KameletRouteIds.pin(yaml)));
            List<String> owned = owned(fileRouteIds);
            for (String routeId : owned) {
                if (camel.getRoute(routeId) != null && !camel.getRouteController().getRouteStatus(routeId).isStarted()) {
                    camel.getRouteController().startRoute(routeId);
                }
            }
            return owned;
        } catch (Exception e) {
            stop(owned(fileRouteIds));
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
                continue; // already gone
            }
            try {
                camel.getRouteController().stopRoute(routeId, 30, TimeUnit.SECONDS);
                camel.removeRoute(routeId);
                // Camel 4.17 registers a Kamelet's route a second time, never started, when the Kamelet
                // is first used in a running context; that copy outlives removeRoute, so drop it too
                camel.getRoutes().stream()
                        .filter(route -> route.getRouteId().equals(routeId) && !ServiceHelper.isStarted(route.getConsumer()))
                        .forEach(route -> camel.getCamelContextExtension().removeRoute(route));
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop route " + routeId + ": " + rootMessage(e), e);
            }
        }
    }

    private boolean fedByKamelet(String routeId) {
        Route route = camel.getRoute(routeId);
        return route != null && route.getEndpoint().getEndpointUri().startsWith("kamelet:");
    }

    /** The given routes that exist, and every route a Kamelet created for one of them (transitively). */
    private List<String> owned(List<String> fileRouteIds) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> owned = new LinkedHashSet<>();
        fileRouteIds.stream().filter(routeId -> camel.getRoute(routeId) != null).forEach(owned::add);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Route route : camel.getRoutes()) {
                if (route.isCreatedByKamelet() && !owned.contains(route.getRouteId())
                        && owned.contains(parentRouteId(model, route.getRouteId()))) {
                    owned.add(route.getRouteId());
                    grew = true;
                }
            }
        }
        return List.copyOf(owned);
    }

    private static String parentRouteId(Model model, String routeId) {
        RouteDefinition definition = model.getRouteDefinition(routeId);
        Object parent = definition == null || definition.getTemplateParameters() == null ? null
                : definition.getTemplateParameters().get(Kamelet.PARENT_ROUTE_ID);
        return parent == null ? null : parent.toString();
    }

    /** The same file with every route id given a suffix: the new version's stand-by ids. */
    static String withRouteIds(String yaml, String suffix) {
        JsonNode root = YamlTree.parse(yaml).root().deepCopy();
        routes(root).forEach(route -> route.put("id", route.path("id").asText() + suffix));
        // JSON is YAML: Camel's YAML DSL reads it as it is
        return root.toString();
    }

    /** The route ids a (valid) file defines. */
    static List<String> routeIdsOf(String yaml) {
        return routes(YamlTree.parse(yaml).root()).map(route -> route.path("id").asText()).toList();
    }

    /** The {@code route} bodies of a route file's tree (the other items, e.g. routeConfigurations, skipped). */
    static Stream<ObjectNode> routes(JsonNode root) {
        return StreamSupport.stream(root.spliterator(), false)
                .filter(item -> item.path("route").isObject())
                .map(item -> (ObjectNode) item.get("route"));
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
            if (routeId.endsWith(STANDBY)) {
                problems.add(new RouteProblem(report.file(), 0, 0, "route id '" + routeId + "' may not end with '" + STANDBY
                        + "' (the hub's stand-by ids while a file is replaced)"));
            }
            if (camel.getRoute(routeId + STANDBY) != null && !replaced.contains(routeId + STANDBY)) {
                problems.add(new RouteProblem(report.file(), 0, 0, "route id '" + routeId + "' is in use (stand-by)"));
            }
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

    static String fileId(Path file) {
        return file.getFileName().toString().replaceFirst("\\.camel\\.yaml$", "");
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
