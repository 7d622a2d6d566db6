package org.permithub.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How a replace hands over: the new version starts before the old one stops (and a failing new
 * version never touches the old one); where two versions cannot run side by side the old stops
 * first; a file owns only its own routes and their Kamelet routes.
 */
class RouteReplaceTest extends HubTestSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    RouteDeployments deployments;

    /** Route started / stopped events, in order, as "started:<id>" and "stopped:<id>". */
    final List<String> lifecycle = new CopyOnWriteArrayList<>();
    final EventNotifierSupport recorder = new EventNotifierSupport() {
        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.RouteStartedEvent started) {
                lifecycle.add("started:" + started.getRoute().getRouteId());
            } else if (event instanceof CamelEvent.RouteStoppedEvent stopped) {
                lifecycle.add("stopped:" + stopped.getRoute().getRouteId());
            }
        }
    };

    @BeforeEach
    void recordRouteLifecycle() {
        ServiceHelper.startService(recorder);
        camel.getManagementStrategy().addEventNotifier(recorder);
    }

    @AfterEach
    void stopRecording() {
        camel.getManagementStrategy().removeEventNotifier(recorder);
        ServiceHelper.stopService(recorder);
    }

    List<String> eventsOf(String routeId) {
        return lifecycle.stream().filter(event -> event.endsWith(":" + routeId) || event.endsWith(":" + routeId + "~next"))
                .toList();
    }

    @Test
    void theNewVersionStartsBeforeTheOldOneStopsAndKeepsTheRouteIdAndItsMetrics() {
        String id = "handover-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(deployRoute(id, RouteAdminApiTest.timerRoute(id, "v1")).statusCode()).isEqualTo(200);
        lifecycle.clear();

        var replaced = deployRoute(id, RouteAdminApiTest.timerRoute(id, "v2"));

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        // the new version runs beside the old under stand-by ids, then takes the file's ids back the same way
        assertThat(eventsOf(id)).containsExactly("started:" + id + "~next", "stopped:" + id, "started:" + id,
                "stopped:" + id + "~next");
        assertThat(camel.getRoute(id + "~next")).isNull();
        assertThat(deployments.find(id).orElseThrow().routeIds()).containsExactly(id);
        assertThat(json(replaced).path("sha256").asText()).isEqualTo(RouteValidator.sha256(RouteAdminApiTest.timerRoute(id, "v2")));
        // per-route metrics go on under the file's own route id
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/actuator/prometheus",
                adminToken()).body()).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"" + id + "\"[^}]*\\} [1-9]"));
        assertThat(get("/actuator/prometheus", adminToken()).body()).doesNotContain("routeId=\"" + id + "~next\"");
        deployments.remove(id, "test-admin");
    }

    @Test
    void aNewVersionThatCannotStartLeavesTheRunningOneUntouched() {
        String id = "untouched-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(deployRoute(id, RouteAdminApiTest.timerRoute(id, "old")).statusCode()).isEqualTo(200);
        Route running = camel.getRoute(id);
        lifecycle.clear();

        // valid, but its MQTT broker is not there: the consumer cannot start
        var response = deployRoute(id, """
                - route:
                    id: %s
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "paho-mqtt5:$share/untouched/nowhere/alarms"
                      parameters:
                        brokerUrl: "tcp://127.0.0.1:1"
                      steps:
                        - log: "${body}"
                """.formatted(id));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).path("code").asText()).isEqualTo("ROUTE_START_FAILED");
        assertThat(json(response).path("detail").asText()).contains("the previous version keeps running (it was not stopped)");
        assertThat(eventsOf(id)).doesNotContain("stopped:" + id);
        assertThat(camel.getRoute(id)).isSameAs(running);
        assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).isTrue();
        assertThat(camel.getRoute(id + "~next")).isNull();
        assertThat(deployments.find(id).orElseThrow().sha256()).isEqualTo(RouteValidator.sha256(RouteAdminApiTest.timerRoute(id, "old")));
        deployments.remove(id, "test-admin");
    }

    @Test
    void anMqttClientSessionCannotRunTwiceSoTheOldVersionStopsFirst() {
        String id = "panel-" + UUID.randomUUID().toString().substring(0, 8);
        String mqtt = """
                - route:
                    id: %1$s
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "paho-mqtt5:site/replace-test/%1$s/events"
                      parameters:
                        brokerUrl: "{{permit-hub.mqtt.broker-url}}"
                        clientId: %1$s
                        qos: 1
                      steps:
                        - log:
                            message: "%2$s ${body}"
                            loggingLevel: DEBUG
                """;
        assertThat(deployRoute(id, mqtt.formatted(id, "v1")).statusCode()).isEqualTo(200);
        lifecycle.clear();

        var replaced = deployRoute(id, mqtt.formatted(id, "v2"));

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(eventsOf(id)).containsExactly("stopped:" + id, "started:" + id);
        assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).isTrue();
        deployments.remove(id, "test-admin");
    }

    /** A timer that will not fire during the test, calling the alarm-sink Kamelet. */
    static String alarmRoute(String id) {
        return """
                - route:
                    id: %s
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "timer:%s?delay=3600000&period=3600000"
                      steps:
                        - setBody:
                            constant: '{"siteId":"s","zoneId":"z","source":"EXTERNAL","kind":"FIRE","at":"2026-12-01T00:00:00Z"}'
                        - to: "kamelet:alarm-sink"
                """.formatted(id, id);
    }

    @Test
    void aFileOwnsItsRoutesAndTheirKameletRoutesButNothingAddedMeanwhile() throws Exception {
        String id = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String foreign = "foreign-" + id;
        // while the file loads, another part of the hub adds a route of its own (as the webhook relay does)
        EventNotifierSupport interloper = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                if (event instanceof CamelEvent.RouteAddedEvent added && added.getRoute().getRouteId().equals(id)
                        && camel.getRoute(foreign) == null) {
                    camel.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("timer:" + foreign + "?period=3600000").routeId(foreign).log("${body}");
                        }
                    });
                }
            }
        };
        ServiceHelper.startService(interloper);
        camel.getManagementStrategy().addEventNotifier(interloper);
        try {
            var deployed = deployRoute(id, alarmRoute(id));
            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(interloper);
            ServiceHelper.stopService(interloper);
        }
        assertThat(camel.getRoute(foreign)).as("the interloper ran").isNotNull();

        List<String> owned = deployments.find(id).orElseThrow().routeIds();
        assertThat(owned).containsExactly(id, id + ".alarm-sink");
        String kameletRoute = owned.get(1);
        assertThat(camel.getRoute(kameletRoute).isCreatedByKamelet()).isTrue();
        // a second file calling the same Kamelet with the same parameters gets its own Kamelet route
        String other = "other-" + id;
        assertThat(deployRoute(other, alarmRoute(other)).statusCode()).isEqualTo(200);
        assertThat(deployments.find(other).orElseThrow().routeIds()).containsExactly(other, other + ".alarm-sink");

        deployments.remove(id, "test-admin");
        assertThat(camel.getRoute(id)).isNull();
        assertThat(camel.getRoute(kameletRoute)).as("the file's Kamelet route goes with it").isNull();
        assertThat(camel.getRoutes().stream().filter(route -> route.getRouteId().equals(kameletRoute)))
                .as("no never-started copy of it left behind either").isEmpty();
        assertThat(camel.getRouteController().getRouteStatus(other + ".alarm-sink").isStarted())
                .as("the other file's Kamelet route runs on").isTrue();
        deployments.remove(other, "test-admin");
        assertThat(camel.getRoute(foreign)).as("not the file's: still there").isNotNull();
        camel.getRouteController().stopRoute(foreign);
        camel.removeRoute(foreign);
    }
}
