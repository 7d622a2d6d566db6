package org.permithub.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.permithub.core.access.Role;
import org.permithub.hub.security.TokenIssuer;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin API of route files and the Kamelet catalog, on the running hub. */
class RouteAdminApiTest extends HubTestSupport {

    @Autowired
    CamelContext camel;

    static String timerRoute(String routeId, String message) {
        return """
                - route:
                    id: %s
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "timer:%s?period=50"
                      steps:
                        - setBody:
                            constant: "%s"
                        - log:
                            message: "${body}"
                            loggingLevel: DEBUG
                """.formatted(routeId, routeId, message);
    }

    HttpResponse<String> send(String method, String path, String token, String yaml) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, yaml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(yaml));
        if (yaml != null) {
            request.header("Content-Type", "application/yaml");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    JsonNode file(String id) {
        var listing = get("/admin/v1/routes", adminToken());
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        for (JsonNode file : json(listing).path("files")) {
            if (id.equals(file.path("id").asText())) {
                return file;
            }
        }
        return null;
    }

    @Test
    void startUpFilesAreLoadedValidatedAndListed() {
        JsonNode commands = file("permit-commands");
        assertThat(commands.path("status").asText()).isEqualTo("RUNNING");
        assertThat(commands.path("source").asText()).endsWith("permit-commands.camel.yaml");
        assertThat(commands.path("routes").get(0).path("routeId").asText()).isEqualTo("permit-commands-intake");
        assertThat(commands.path("routes").get(0).path("status").asText()).isEqualTo("Started");
        assertThat(file("error-handling").path("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aRejectedStartUpFileIsReportedAndTheOthersRun() {
        JsonNode rejected = file("rejected-at-start");
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("source").asText()).endsWith("extra-routes/rejected-at-start.camel.yaml");
        JsonNode problem = rejected.path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(9);
        assertThat(problem.path("message").asText()).contains("component 'exec' is not allowed");
        assertThat(rejected.path("routes")).isEmpty();
        assertThat(camel.getRoute("never-runs")).isNull();
        // the extra folder's valid file runs next to the routes folder's
        assertThat(file("extra-heartbeat").path("status").asText()).isEqualTo("RUNNING");
        assertThat(camel.getRouteController().getRouteStatus("extra-heartbeat").isStarted()).isTrue();
    }

    @Test
    void theExtraFolderHoldsTeamFilesAndTheRoutesFolderTheHubsOwn() {
        // sending to direct:notify-managers is allowed to the hub's own files, not to a team's
        JsonNode team = file("team-rules-at-start");
        assertThat(team.path("status").asText()).isEqualTo("REJECTED");
        JsonNode problem = team.path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(10);
        assertThat(problem.path("message").asText())
                .contains("'direct:' name 'notify-managers' is not allowed in a team route file");
        assertThat(camel.getRoute("team-calls-hub-internals")).isNull();
        // the hub's own site-alarms file calls its beans and direct:notify-managers, and runs
        assertThat(file("site-alarms").path("status").asText()).isEqualTo("RUNNING");
        assertThat(file("notifications").path("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aDeployThatPublishesToADoorCommandTopicIsRefused() {
        String id = "door-opener-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = """
                - route:
                    id: %s
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "timer:%s?repeatCount=1"
                      steps:
                        - setBody:
                            constant: '{"action":"GRANT","personId":"p-1"}'
                        - to: "paho-mqtt5:site/x/door/d1/cmd"
                """.formatted(id, id);
        var response = send("PUT", "/admin/v1/routes/" + id, adminToken(), yaml);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode body = json(response);
        assertThat(body.path("code").asText()).isEqualTo("ROUTE_INVALID");
        JsonNode problem = body.path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(9);
        assertThat(problem.path("column").asInt()).isPositive();
        assertThat(problem.path("message").asText()).contains("publishing to MQTT topic 'site/x/door/d1/cmd' is not allowed"
                + " in a team route file: it reaches the hub's reserved topic 'site/+/door/#'",
                "permit-hub.routes.team.reserved-mqtt-publish-topics");
        assertThat(camel.getRoute(id)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from route_changes where deployment_id = ?", Integer.class, id)).isZero();

        // POST /admin/v1/routes:validate applies the same team rules
        JsonNode validated = json(send("POST", "/admin/v1/routes:validate?id=" + id, adminToken(), yaml));
        assertThat(validated.path("valid").asBoolean()).isFalse();
        assertThat(validated.path("problems").get(0).path("message").asText()).contains("site/+/door/#");
    }

    @Test
    void validateReportsLineLevelProblemsAndChangesNothing() {
        var response = send("POST", "/admin/v1/routes:validate?id=bad", adminToken(), """
                - route:
                    id: bad-one
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "timer:x"
                      steps:
                        - to: "exec:rm"
                """);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("valid").asBoolean()).isFalse();
        JsonNode problem = body.path("problems").get(0);
        assertThat(problem.path("file").asText()).isEqualTo("bad.camel.yaml");
        assertThat(problem.path("line").asInt()).isEqualTo(7);
        assertThat(problem.path("message").asText()).contains("component 'exec' is not allowed");
        assertThat(camel.getRoute("bad-one")).isNull();

        var ok = json(send("POST", "/admin/v1/routes:validate", adminToken(), timerRoute("fine-one", "x")));
        assertThat(ok.path("valid").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("routeIds").get(0).asText()).isEqualTo("fine-one");
        assertThat(camel.getRoute("fine-one")).isNull();
    }

    @Test
    void deployRunsTheRouteStoresAndAnchorsTheChangeAndShowsItsMetrics() {
        String id = "ticker-" + UUID.randomUUID().toString().substring(0, 8);
        var deployed = send("PUT", "/admin/v1/routes/" + id, adminToken(), timerRoute(id, "v1"));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(json(deployed).path("status").asText()).isEqualTo("RUNNING");
        assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).isTrue();

        // who, when, the file and its hash; anchored through the same Merkle batches as permit actions
        var change = jdbc.queryForMap("select * from route_changes where deployment_id = ?", id);
        assertThat(change.get("actor")).isEqualTo("test-admin");
        assertThat(change.get("operation")).isEqualTo("DEPLOY");
        assertThat(change.get("sha256")).isEqualTo(RouteValidator.sha256(timerRoute(id, "v1")));
        assertThat((String) change.get("yaml")).contains("v1");
        Awaitility.await("route change anchored").atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                select count(*) from record_proofs p join ledger_batches b on b.batch_id = p.batch_id
                 where p.record_kind = 'route-change' and p.record_id = ? and b.anchored_at is not null""",
                Integer.class, change.get("id")) == 1);
        assertThat(jdbc.queryForObject("select record_hash from record_proofs where record_id = ?", String.class,
                change.get("id"))).isEqualTo(change.get("record_hash"));

        // per-route metrics of a route deployed at run time, in the admin listing and at /actuator/prometheus
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> file(id).path("routes").get(0).path("exchangesTotal").asLong() >= 3);
        JsonNode route = file(id).path("routes").get(0);
        assertThat(route.path("exchangesFailed").asLong()).isZero();
        assertThat(route.path("meanProcessingMillis").isNumber()).isTrue();
        var prometheus = get("/actuator/prometheus", adminToken());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"" + id + "\"[^}]*\\} [1-9]");

        var removed = send("DELETE", "/admin/v1/routes/" + id, adminToken(), null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(camel.getRoute(id)).isNull();
        assertThat(file(id)).isNull();
        assertThat(jdbc.queryForList("select operation from route_changes where deployment_id = ? order by changed_at",
                String.class, id)).containsExactly("DEPLOY", "DELETE");
        assertThat(jdbc.queryForObject("select count(*) from route_deployments where id = ?", Integer.class, id)).isZero();
    }

    @Test
    void aRejectedFileChangesNothing() {
        String id = "rejected-" + UUID.randomUUID().toString().substring(0, 8);
        var response = send("PUT", "/admin/v1/routes/" + id, adminToken(), """
                - route:
                    id: %s
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "timer:x"
                      steps:
                        - to: "sql:delete from permits"
                """.formatted(id));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).isEqualTo("ROUTE_INVALID");
        assertThat(problem.path("problems").get(0).path("line").asInt()).isEqualTo(7);
        assertThat(problem.path("problems").get(0).path("message").asText()).contains("raw SQL");
        assertThat(camel.getRoute(id)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from route_changes where deployment_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void startUpFilesCannotBeChangedThroughTheApiAndIdsCannotBeTaken() {
        var response = send("PUT", "/admin/v1/routes/permit-commands", adminToken(), timerRoute("x-1", "x"));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("code").asText()).isEqualTo("ROUTE_FROM_FILE");
        var taken = send("PUT", "/admin/v1/routes/thief", adminToken(), timerRoute("permit-commands-intake", "x"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(422);
        assertThat(taken.body()).contains("route id 'permit-commands-intake' is already used by route file permit-commands");
        var missing = send("DELETE", "/admin/v1/routes/no-such-file", adminToken(), null);
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void theKameletCatalogListsTheHubBuildingBlocksWithTheirSchemas() {
        var response = get("/admin/v1/kamelets", adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        JsonNode eventSource = null;
        for (JsonNode kamelet : json(response).path("kamelets")) {
            names.add(kamelet.path("name").asText());
            if ("permit-event-source".equals(kamelet.path("name").asText())) {
                eventSource = kamelet;
            }
        }
        assertThat(names).contains("permit-event-source", "permit-action-sink", "credential-sink", "alarm-sink",
                "regulator-report-sink");
        assertThat(eventSource.path("type").asText()).isEqualTo("source");
        assertThat(eventSource.path("definition").path("required").get(0).asText()).isEqualTo("groupId");
        assertThat(eventSource.path("definition").path("properties").has("workType")).isTrue();
    }

    @Test
    void onlyAdminsManageRoutes() {
        String enterprise = tokens.issue(TokenIssuer.Grant.of(Role.ENTERPRISE, "erp").enterprise(ENTERPRISE));
        assertThat(send("PUT", "/admin/v1/routes/sneaky", enterprise, timerRoute("sneaky", "x")).statusCode()).isEqualTo(403);
        assertThat(get("/admin/v1/routes", null).statusCode()).isEqualTo(401);
        assertThat(camel.getRoute("sneaky")).isNull();
    }
}
