package org.permithub.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Development only ({@code permit-hub.routes.watch=true}, off by default): a new or changed file
 * of the route folders is validated and (re)loaded like a start-up file, a deleted one removed. Production changes go through the
 * admin API, which stores and anchors each one (see tech-anchors §1: file-watch reload is a dev tool).
 */
@Component
class RouteFolderWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFolderWatch.class);
    private final RoutesProperties properties;
    private final RouteDeployments deployments;
    private final Path routesDir;
    private final Map<Path, String> seen = new HashMap<>();
    private ScheduledExecutorService timer;

    RouteFolderWatch(RoutesProperties properties, RouteDeployments deployments, @Value("${permit-hub.routes-dir}") String routesDir) {
        this.properties = properties;
        this.deployments = deployments;
        this.routesDir = Path.of(routesDir);
    }

    void startIfEnabled() {
        if (!properties.watch()) {
            return;
        }
        LOG.warn("permit-hub.routes.watch is on: route files are reloaded when they change (development only)");
        scan(false);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "route-folder-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> scan(true), 2, 2, TimeUnit.SECONDS);
    }

    private void scan(boolean reload) {
        Set<Path> present = new HashSet<>();
        for (Path dir : properties.extraDir() == null || properties.extraDir().isBlank()
                ? new Path[] {routesDir} : new Path[] {routesDir, Path.of(properties.extraDir())}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).forEach(file -> {
                    present.add(file);
                    try {
                        String text = Files.readString(file);
                        String hash = RouteValidator.sha256(text);
                        String before = seen.put(file, hash);
                        if (reload && !hash.equals(before)) {
                            deployments.reloadFile(file, text);
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.error("route file {} not reloaded: {}", file, RouteDeployments.rootMessage(e));
                    }
                });
            } catch (IOException e) {
                LOG.error("cannot list {}: {}", dir, e.getMessage());
                return; // a folder that cannot be listed says nothing about deleted files
            }
        }
        for (Path gone : new HashSet<>(seen.keySet())) {
            if (!present.contains(gone)) {
                seen.remove(gone);
                deployments.fileRemoved(gone);
            }
        }
    }

    boolean running() {
        return timer != null && !timer.isShutdown();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
