package org.permithub.hub.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.permithub.hub.standalone.StandaloneServers;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The two worked examples of the guide (routes/README.md), deployed through the admin API and run end to end. */
class GuideExamplesTest extends HubTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ProducerTemplate camel;

    @Autowired
    StandaloneServers servers;

    @Value("${permit-hub.mqtt.broker-url}")
    String brokerUrl;

    @Value("${permit-hub.data-dir}")
    String dataDir;

    @Test
    void firePanelOverMqttRaisesTheAlarmResponse() throws Exception {
        deploy("guide-fire-panel", "../routes/examples/fire-alarm-panel.camel.yaml");
        String panel = "FP-" + UUID.randomUUID().toString().substring(0, 8);
        String message = """
                {"panel":"%s","loop":2,"zone":"unit-3","event":"FIRE","time":"2026-12-01T03:15:00Z"}""".formatted(panel);
        // the panel's own MQTT client; the route's subscription is up once it runs, a FIRE is repeated until seen
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            camel.sendBody("paho-mqtt5:site/yt-plant-1/fire-panel/" + panel + "/events?qos=1&clientId=test-panel-" + panel
                    + "&brokerUrl=" + brokerUrl, message);
            // level 2 for an external alarm: the managers' webhook names the panel's loop
            servers.simulators().get("notification").wireMock().verify(postRequestedFor(urlPathEqualTo("/hooks/site-managers"))
                    .withRequestBody(containing(panel + "-loop-2")));
        });
    }

    @Test
    void contractorCsvStoresTheWorkerInTheCredentialRegistry() throws Exception {
        deploy("guide-contractor-csv", "../routes/examples/contractor-workers-csv.camel.yaml");
        String worker = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = Path.of(dataDir, "inbox", "contractor-workers");
        Files.createDirectories(folder);
        Path partial = folder.resolve(worker + ".part");
        Files.writeString(partial, """
                contractorId,workerId,name,idNumber,certificateNo,certificateCategory,certificateIssuedOn,certificateValidUntil,employer
                C-CSV-001,%s,王建国,370602198803120010,T370602198803120010,WELDING_AND_THERMAL_CUTTING,2022-04-18,2028-04-17,山东鲁安建设工程有限公司
                """.formatted(worker), StandardCharsets.UTF_8);
        Files.move(partial, folder.resolve(worker + ".csv"), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from credential_workers where worker_id = ? and contractor_id = 'C-CSV-001'", Integer.class,
                worker) == 1);
        assertThat(jdbc.queryForObject("select name from credential_workers where worker_id = ?", String.class, worker))
                .isEqualTo("王建国");
        assertThat(jdbc.queryForObject("select category from credential_certificates where worker_id = ?", String.class,
                worker)).isEqualTo("WELDING_AND_THERMAL_CUTTING");
        // every row went through: the file left the folder
        await().atMost(WAIT).until(() -> !Files.exists(folder.resolve(worker + ".csv")));
    }

    private void deploy(String id, String file) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/v1/routes/" + id))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(Files.readString(Path.of(file), StandardCharsets.UTF_8))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
