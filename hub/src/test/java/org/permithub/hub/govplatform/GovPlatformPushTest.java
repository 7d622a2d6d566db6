package org.permithub.hub.govplatform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permithub.connectors.govplatform.ParkPlatformMapper;
import org.permithub.connectors.govplatform.ParkPlatformTables;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The government supervision platform push against its WireMock simulator: a two-hour outage on
 * the connector clock (720x faster than real time), then every record exactly once and in order.
 */
class GovPlatformPushTest extends HubTestSupport {

    @Value("${permit-hub.simulators.gov-platform.url}")
    String platformUrl;

    @Autowired
    AcceleratedClock connectorClock;

    @Autowired
    GovPlatformRelay relay;

    @Autowired
    GovPlatformClient client;

    WireMock platform;
    final List<StubMapping> faults = new ArrayList<>();

    @BeforeEach
    void platformClient() {
        URI uri = URI.create(platformUrl);
        platform = new WireMock(uri.getHost(), uri.getPort());
    }

    @AfterEach
    void platformHealthy() {
        faults.forEach(platform::removeStubMapping);
        faults.clear();
    }

    private void fault(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        faults.add(platform.register(WireMock.post(urlPathMatching("/api/sync/data/.*")).atPriority(1).willReturn(response)));
    }

    @Test
    void aTwoHourOutageLeavesABacklogThatGoesOutOnceAndInOrder() throws Exception {
        String token = enterpriseToken(ENTERPRISE);
        fault(aResponse().withStatus(503).withBody("维护中"));
        Instant outageStart = connectorClock.instant();

        List<String> permits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String permitNo = newPermitNo();
            permits.add(permitNo);
            assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE),
                    UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
            assertThat(action(permitNo, token, "APPROVE", ConnectorTestData.approval()).statusCode()).isEqualTo(200);
            assertThat(action(permitNo, token, "GAS_TEST", ConnectorTestData.gasTest()).statusCode()).isEqualTo(200);
        }

        // two hours pass on the connector clock while the platform is down; the relay keeps trying
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> connectorClock.instant().isAfter(outageStart.plus(Duration.ofHours(2))));
        assertThat(relay.consecutiveFailures()).isGreaterThan(5);
        assertThat(pendingRows(permits)).isEqualTo(9);
        // the backlog and the failures are visible to operators
        var metrics = get("/actuator/prometheus", adminToken());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("permit_hub_connector_backlog\\{connector=\"gov-platform\".*\\} (9|[1-9]\\d+)\\.0")
                .contains("permit_hub_connector_consecutive_failures{connector=\"gov-platform\"");
        // the regulator API still answers while the platform is down
        var status = get("/regulator/v1/permits/" + permits.get(0), regulatorToken("370600"));
        assertThat(status.statusCode()).isEqualTo(200);

        platformHealthy();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pendingRows(permits) == 0);

        Set<String> ticketIds = new java.util.HashSet<>();
        permits.forEach(no -> ticketIds.add(ParkPlatformMapper.ticketId(no)));
        Map<String, List<String>> deliveredPerPermit = new LinkedHashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        for (JsonNode record : acceptedRecords()) {
            String ticketId = record.has("ticketNo") ? record.get("id").asText()
                    : record.path("ticketId").asText(record.path("ticketID").asText());
            if (!ticketIds.contains(ticketId)) {
                continue;
            }
            String key = record.has("ticketNo")
                    ? "ticket v" + record.get("dataVersion").asInt()
                    : record.has("gasName") ? "gas " + record.get("gasName").asText() : "approval";
            deliveredPerPermit.computeIfAbsent(ticketId, k -> new ArrayList<>()).add(key);
            copies.merge(record.get("id").asText() + "/" + record.path("dataVersion").asText(), 1, Integer::sum);
        }
        assertThat(copies.values()).as("every record delivered once").allMatch(n -> n == 1);
        assertThat(deliveredPerPermit).hasSize(3);
        deliveredPerPermit.values().forEach(sequence -> assertThat(sequence).as("per-permit order")
                .containsExactly("ticket v1", "ticket v2", "approval", "ticket v3", "gas CH4"));
    }

    @Test
    void anAnswerStillArrivingAfterTheTimeoutIsTakenAndTheRecordNotSentAgain() throws Exception {
        // the platform answers at once but its body trickles in over 6 s, three times the 2 s timeout
        // (HubTestSupport), each piece well within it: it took the record, so the hub must count it
        // taken and not send a second copy (a time limit on the whole call gave up at 2 s, resent,
        // and the platform took the record twice while the first call was still in flight)
        fault(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":200,\"msg\":\"成功\"}").withChunkedDribbleDelay(8, 6000)
                // gzip would hold the pieces back until the end
                .withGzipDisabled(true));
        String permitNo = newPermitNo();
        assertThat(post("/api/v1/permits", enterpriseToken(ENTERPRISE), hotWorkApplication(permitNo, ENTERPRISE),
                UUID.randomUUID().toString()).statusCode()).isEqualTo(201);

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> pendingRows(List.of(permitNo)) == 0 || tickets(permitNo).size() > 1);
        assertThat(tickets(permitNo)).as("copies the platform took").hasSize(1);
        assertThat(pendingRows(List.of(permitNo))).isZero();
    }

    @Test
    void aRowWhoseTicketWentButWhoseApprovalFailedSendsOnlyTheApprovalAgain() throws Exception {
        String token = enterpriseToken(ENTERPRISE);
        String permitNo = newPermitNo();
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE),
                UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pendingRows(List.of(permitNo)) == 0);

        // APPROVE makes one outbox row of two records: the ticket (v2), then the approval
        faults.add(platform.register(WireMock.post(urlPathEqualTo("/api/sync/data/" + ParkPlatformTables.APPROVAL))
                .atPriority(1).willReturn(aResponse().withStatus(503).withBody("维护中"))));
        assertThat(action(permitNo, token, "APPROVE", ConnectorTestData.approval()).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select coalesce(max(attempts), 0) from outbox where destination = 'gov-platform' and aggregate_id = ?"
                        + " and sent_at is null", Integer.class, permitNo) >= 4);

        platformHealthy();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pendingRows(List.of(permitNo)) == 0);
        assertThat(tickets(permitNo)).extracting(t -> t.get("dataVersion").asInt())
                .as("each ticket version once, in order").containsExactly(1, 2);
        String ticketId = ParkPlatformMapper.ticketId(permitNo);
        assertThat(acceptedRecords()).filteredOn(r -> ticketId.equals(r.path("ticketId").asText()))
                .as("the approval").hasSize(1);
    }

    private List<JsonNode> tickets(String permitNo) throws Exception {
        return acceptedRecords().stream().filter(r -> permitNo.equals(r.path("ticketNo").asText())).toList();
    }

    @Test
    void theTicketCarriesTheParkPlatformFields() throws Exception {
        String token = enterpriseToken(ENTERPRISE);
        String permitNo = newPermitNo();
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE),
                UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pendingRows(List.of(permitNo)) == 0);
        JsonNode ticket = acceptedRecords().stream()
                .filter(r -> permitNo.equals(r.path("ticketNo").asText())).findFirst().orElseThrow();
        assertThat(ticket.get("companyCode").asText()).isEqualTo(ENTERPRISE);
        assertThat(ticket.get("ticketStatus").asText()).isEqualTo("01");
        assertThat(ticket.get("ticket_level").asText()).isEqualTo("二级");
        assertThat(ticket.get("longitude").asText()).isEqualTo("121.3914");
        assertThat(ticket.get("latitude").asText()).isEqualTo("37.5393");
        assertThat(ticket.get("planStartTime").asText()).matches("\\d{14}");
    }

    @Test
    void aRegulatorReportIsStoredAndPushedLikeAPermitRecord() throws Exception {
        String id = "rpt-" + UUID.randomUUID();
        Object answer = camel.requestBody("direct:regulator-report",
                "{\"table\":\"sec_device_run_status\",\"record\":{\"id\":\"" + id + "\",\"hazardCode\":\"U-3\","
                        + "\"runStatus\":\"1\"}}");
        assertThat(answer).isEqualTo(id);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acceptedRecords().stream()
                .anyMatch(r -> id.equals(r.path("id").asText())));
    }

    @Autowired
    org.apache.camel.ProducerTemplate camel;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"connection-reset", "malformed-body", "delay-5s", "http-429"})
    void aFailedDeliveryStaysQueuedAndGoesOutWhenThePlatformAnswersAgain(String fault) throws Exception {
        switch (fault) {
            case "connection-reset" -> fault(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));
            case "malformed-body" -> fault(aResponse().withStatus(200).withBody("<html>502 Bad Gateway</html>"));
            case "delay-5s" -> fault(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":200,\"msg\":\"成功\"}").withFixedDelay(5000));
            default -> fault(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("请求过于频繁"));
        }
        String permitNo = newPermitNo();
        assertThat(post("/api/v1/permits", enterpriseToken(ENTERPRISE), hotWorkApplication(permitNo, ENTERPRISE),
                UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where destination = 'gov-platform' and aggregate_id = ? and sent_at is null"
                        + " and last_error is not null", Integer.class, permitNo) == 1);
        if (fault.equals("delay-5s")) {
            // the HTTP client's own timeout ended the call (connection closed), not just the breaker's
            // time limiter, which would leave it running
            assertThat(jdbc.queryForObject("select last_error from outbox where destination = 'gov-platform'"
                    + " and aggregate_id = ? and sent_at is null", String.class, permitNo)).contains("Read timed out");
        }

        platformHealthy();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pendingRows(List.of(permitNo)) == 0);
        List<JsonNode> tickets = acceptedRecords().stream()
                .filter(r -> permitNo.equals(r.path("ticketNo").asText())).toList();
        if (fault.equals("delay-5s")) {
            // the slow answer did arrive after the hub gave up: a resend with the same id and version is harmless
            assertThat(tickets).isNotEmpty().allSatisfy(t -> assertThat(t.get("dataVersion").asInt()).isEqualTo(1))
                    .extracting(t -> t.get("id").asText()).containsOnly(ParkPlatformMapper.ticketId(permitNo));
        } else {
            assertThat(tickets).hasSize(1);
        }
    }

    private int pendingRows(List<String> permitNos) {
        return jdbc.queryForObject("select count(*) from outbox where destination = 'gov-platform' and sent_at is null"
                + " and aggregate_id = any(?)", Integer.class, (Object) permitNos.toArray(String[]::new));
    }

    /** The records the platform took (answered code 200), in the order they arrived. */
    private List<JsonNode> acceptedRecords() throws Exception {
        List<ServeEvent> events = new ArrayList<>(platform.getServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        List<JsonNode> records = new ArrayList<>();
        for (ServeEvent event : events) {
            if (event.getResponse().getStatus() != 200
                    || !event.getResponse().getBodyAsString().contains("\"code\":200")) {
                continue;
            }
            JsonNode datas = JSON.readTree(JSON.readTree(event.getRequest().getBodyAsString()).get("datas").asText());
            datas.forEach(records::add);
        }
        return records;
    }
}
