package org.permithub.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The development folder watch: off in the running hub; when on, a new file runs, a changed file
 * replaces its routes, a broken edit leaves the running version alone, a deleted file takes its
 * routes with it.
 */
class RouteFolderWatchTest extends HubTestSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    RouteDeployments deployments;

    @Autowired
    RoutesProperties properties;

    @Autowired
    RouteFolderWatch hubWatch;

    @TempDir
    Path routesDir;

    @TempDir
    Path extraDir;

    @Test
    void theWatchIsOffUnlessSwitchedOn() {
        assertThat(properties.watch()).isFalse();
        assertThat(hubWatch.running()).isFalse();
    }

    @Test
    void aWatchedFolderLoadsReplacesKeepsAndRemovesRouteFiles() throws Exception {
        String id = "watched-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = extraDir.resolve(id + ".camel.yaml");
        RoutesProperties watching = new RoutesProperties(extraDir.toString(), true, properties.allowedComponents(),
                properties.deniedComponents(), properties.allowedBeans(), properties.allowedDirectEndpoints(),
                properties.allowedFileDirs(), properties.deniedLanguages(), properties.deniedPatterns(), properties.team());
        RouteFolderWatch watch = new RouteFolderWatch(watching, deployments, routesDir.toString());
        watch.startIfEnabled();
        try {
            assertThat(watch.running()).isTrue();
            Files.writeString(file, RouteAdminApiTest.timerRoute(id, "v1"));
            awaitRunning(id, RouteAdminApiTest.timerRoute(id, "v1"));
            assertThat(deployments.find(id).orElseThrow().source()).isEqualTo(file.toAbsolutePath().normalize().toString());

            Files.writeString(file, RouteAdminApiTest.timerRoute(id, "v2"));
            awaitRunning(id, RouteAdminApiTest.timerRoute(id, "v2"));

            // a broken edit is refused; a second file written after it shows the watch has looked at it
            Files.writeString(file, RouteAdminApiTest.timerRoute(id, "v3").replace("routeConfigurationId: inbound-errors\n", ""));
            String marker = id + "-marker";
            Files.writeString(extraDir.resolve(marker + ".camel.yaml"), RouteAdminApiTest.timerRoute(marker, "m"));
            awaitRunning(marker, RouteAdminApiTest.timerRoute(marker, "m"));
            assertThat(deployments.find(id).orElseThrow().sha256()).isEqualTo(RouteValidator.sha256(RouteAdminApiTest.timerRoute(id, "v2")));
            assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).isTrue();

            Files.delete(file);
            Files.delete(extraDir.resolve(marker + ".camel.yaml"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> camel.getRoute(id) == null && camel.getRoute(marker) == null);
            assertThat(deployments.find(id)).isEmpty();
        } finally {
            watch.stop();
            for (String left : List.of(id, id + "-marker")) {
                if (deployments.find(left).isPresent()) {
                    deployments.fileRemoved(extraDir.resolve(left + ".camel.yaml"));
                }
            }
        }
    }

    private void awaitRunning(String id, String yaml) {
        Awaitility.await(id + " running").atMost(Duration.ofSeconds(20)).until(() -> deployments.find(id)
                .filter(d -> d.status() == RouteDeployments.Status.RUNNING && d.sha256().equals(RouteValidator.sha256(yaml)))
                .isPresent() && camel.getRoute(id) != null && camel.getRouteController().getRouteStatus(id).isStarted());
    }
}
