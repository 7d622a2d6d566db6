package org.permithub.hub.access;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permithub.hub.permit.PermitStore;
import org.permithub.hub.site.ReferenceDataStore;
import org.permithub.hub.standalone.StandaloneServers;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;
import org.permithub.hub.support.TestSite;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 6 end to end, with real Paho MQTT 5 clients against the embedded HiveMQ: door decisions
 * for each reason code, the confined-space headcount from door events, a gas reading over the
 * limit locking the permit (alarm command, notification, SUSPEND, doors revoked), a revoke
 * reaching a controller that was offline, the DLQ, and the index rebuilt from the database.
 */
class SiteControlTest extends HubTestSupport {

    static final String SITE = "sc-site";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static volatile boolean siteReady;
    private static final Map<String, String> DOOR_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    @Value("${permit-hub.mqtt.broker-url}")
    String brokerUrl;

    @Autowired
    StandaloneServers servers;

    @Autowired
    AccessIndex index;

    @Autowired
    PermitStore permitStore;

    @Autowired
    ReferenceDataStore reference;

    @Autowired
    org.apache.camel.ProducerTemplate camel;

    @Autowired
    SiteAlerts siteAlerts;

    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @BeforeEach
    void siteWithDevices() {
        if (siteReady) {
            return;
        }
        String admin = adminToken();
        StringBuilder zones = new StringBuilder();
        for (String zone : new String[] {"door-zone", "empty-zone", "pending-zone", "tank-7", "gas-zone", "off-zone",
                "dlq-zone", "ai-zone", "rebuild-zone"}) {
            zones.append(zones.length() == 0 ? "" : ",")
                    .append("{\"zoneId\":\"").append(zone).append("\",\"lat\":37.5393,\"lon\":121.3914,\"radiusM\":300}");
        }
        var site = put("/admin/v1/sites/" + SITE, admin, """
                {"name":"site control","calendar":{"zone":"%s","nightStarts":"18:00","nightEnds":"06:00","restDays":[]},
                 "zones":[%s],
                 "approvers":[{"personId":"a-3001","roles":["LOCAL_UNIT","SAFETY_DEPARTMENT","SENIOR_LEADER"]}]}"""
                .formatted(TestSite.offsetForTenInTheMorningId(), zones));
        assertThat(site.statusCode()).as(site.body()).isEqualTo(200);
        door("sc-door", "door-zone", null);
        door("sc-door-empty", "empty-zone", null);
        door("sc-door-pending", "pending-zone", null);
        door("sc-tank-door", "tank-7", 1);
        door("sc-gas-door", "gas-zone", null);
        door("sc-off-door", "off-zone", null);
        device("sc-gas-1", "gas-zone", "GAS_DETECTOR");
        device("sc-alarm-1", "gas-zone", "ALARM");
        device("sc-det-dlq", "dlq-zone", "GAS_DETECTOR");
        device("sc-cam-1", "ai-zone", "CAMERA");
        card("card-ok", "w-1001", null, false);
        card("card-revoked", "w-1001", null, true);
        card("card-expired", "w-1001", "2020-01-01", false);
        siteReady = true;
    }

    @org.junit.jupiter.api.BeforeEach
    void windAtTheSite() {
        var wind = put("/admin/v1/sites/" + SITE + "/wind", adminToken(),
                "{\"speedMps\":2.5,\"measuredAt\":\"" + Instant.now() + "\"}");
        assertThat(wind.statusCode()).as(wind.body()).isEqualTo(200);
    }

    @Test
    void doorDecisionsGiveEachReasonCode() throws Exception {
        String permitNo = activeHotWork("door-zone", "w-1001", "w-1002", "w-1003");
        String pending = newPermitNo();
        assertThat(post("/api/v1/permits", enterpriseToken(ENTERPRISE), hotWork(pending, "pending-zone", "w-1001"),
                UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> index.permit(permitNo).map(p -> p.state().name()).orElse("").equals("ACTIVE")
                && index.permit(pending).isPresent());

        assertDecision("sc-door", "{\"workerId\":\"w-1001\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", true,
                "ALLOWED", permitNo);
        assertDecision("sc-door", "{\"cardId\":\"card-ok\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", true,
                "ALLOWED", permitNo);
        assertDecision("sc-door", "{\"cardId\":\"no-such-card\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", false,
                "UNKNOWN_CARD", null);
        assertDecision("sc-door", "{\"cardId\":\"card-revoked\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", false,
                "CARD_REVOKED", null);
        assertDecision("sc-door", "{\"cardId\":\"card-expired\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", false,
                "CARD_EXPIRED", null);
        assertDecision("sc-door", "{\"workerId\":\"w-1009\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", false,
                "NOT_NAMED_ON_PERMIT", null);
        assertDecision("sc-door", "{\"workerId\":\"w-1001\",\"zoneId\":\"empty-zone\",\"direction\":\"IN\"}", false,
                "DOOR_NOT_FOR_ZONE", null);
        assertDecision("sc-door-empty", "{\"workerId\":\"w-1001\",\"zoneId\":\"empty-zone\",\"direction\":\"IN\"}",
                false, "NO_PERMIT_FOR_ZONE", null);
        assertDecision("sc-door-pending", "{\"workerId\":\"w-1001\",\"zoneId\":\"pending-zone\",\"direction\":\"IN\"}",
                false, "PERMIT_NOT_ACTIVE", pending);
        assertDecision("sc-door", "{\"workerId\":\"w-1009\",\"zoneId\":\"door-zone\",\"direction\":\"OUT\"}", true,
                "EXIT_ALLOWED", null);
        assertDecision("sc-door", "{\"cardId\":\"no-such-card\",\"zoneId\":\"door-zone\",\"direction\":\"OUT\"}", true,
                "EXIT_ALLOWED", null);

        // credential.events (issue 5's format) decide over the stored certificates
        try (var producer = kafkaProducer()) {
            producer.send(credentialEvent("w-1002", "INVALID", null)).get();
            producer.send(credentialEvent("w-1003", "PENDING", null)).get();
        }
        await().atMost(WAIT).until(() -> index.credential("w-1003").isPresent());
        assertDecision("sc-door", "{\"workerId\":\"w-1002\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", false,
                "CREDENTIAL_INVALID", permitNo);
        assertDecision("sc-door", "{\"workerId\":\"w-1003\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", false,
                "CREDENTIAL_PENDING", permitNo);
        try (var producer = kafkaProducer()) {
            producer.send(credentialEvent("w-1002", "EXPIRING", LocalDate.now().minusDays(2).toString())).get();
            producer.send(credentialEvent("w-1003", "VALID", LocalDate.now().plusYears(1).toString())).get();
        }
        await().atMost(WAIT).until(() -> "VALID".equals(index.credential("w-1003").map(c -> c.status()).orElse("")));
        assertDecision("sc-door", "{\"workerId\":\"w-1002\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", false,
                "CREDENTIAL_EXPIRED", permitNo);
        assertDecision("sc-door", "{\"workerId\":\"w-1003\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}", true,
                "ALLOWED", permitNo);
    }

    @Test
    void doorsNeedTheirOwnDeviceKey() {
        String body = "{\"workerId\":\"w-1001\",\"zoneId\":\"door-zone\",\"direction\":\"IN\"}";
        assertThat(decide(null, body).statusCode()).isEqualTo(401);
        assertThat(decide("sc-door.not-the-key", body).statusCode()).isEqualTo(401);
        var withToken = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/access/v1/decisions"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(withToken.statusCode()).isEqualTo(401);
        assertThat(json(withToken).path("code").asText()).isEqualTo("DEVICE_KEY_INVALID");
        // a door's key opens nothing but the door API
        var elsewhere = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/v1/sites/" + SITE))
                .header("X-Device-Key", DOOR_KEYS.get("sc-door")).GET().build());
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        var bad = decide(DOOR_KEYS.get("sc-door"), "{\"workerId\":\"w-1001\",\"zoneId\":\"door-zone\",\"direction\":\"UP\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void confinedSpaceHeadcountFollowsDoorEvents() throws Exception {
        String permitNo = activeConfinedSpace("tank-7", "w-1004", "w-1005");
        await().atMost(WAIT).until(() -> index.permit(permitNo).map(p -> p.state().name()).orElse("").equals("ACTIVE"));
        try (SiteMqtt door = new SiteMqtt(brokerUrl)) {
            door.publish("site/" + SITE + "/door/sc-tank-door/event",
                    "{\"type\":\"PASSAGE\",\"workerId\":\"w-1004\",\"direction\":\"IN\",\"at\":\"" + Instant.now() + "\"}");
            await().atMost(WAIT).until(() -> permitStore.find(permitNo).orElseThrow().permit().occupancy().people()
                    .contains("w-1004"));
            await().atMost(WAIT).until(() -> index.permit(permitNo).orElseThrow().inside().contains("w-1004"));
            // GB 30871-2022 §6.8c: the space's door lets in one person; w-1004 is inside
            assertDecision("sc-tank-door", "{\"workerId\":\"w-1005\",\"zoneId\":\"tank-7\",\"direction\":\"IN\"}", false,
                    "HEADCOUNT_FULL", permitNo);
            assertDecision("sc-tank-door", "{\"workerId\":\"w-1004\",\"zoneId\":\"tank-7\",\"direction\":\"IN\"}", false,
                    "ALREADY_INSIDE", permitNo);
            var complete = action(permitNo, enterpriseToken(ENTERPRISE), "COMPLETE", "{\"acceptedBy\":\"a-3001\"}");
            assertThat(json(complete).path("code").asText()).as(complete.body()).isEqualTo("OCCUPANTS_INSIDE");

            door.publish("site/" + SITE + "/door/sc-tank-door/event",
                    "{\"type\":\"PASSAGE\",\"workerId\":\"w-1004\",\"direction\":\"OUT\",\"at\":\"" + Instant.now() + "\"}");
            await().atMost(WAIT).until(() -> permitStore.find(permitNo).orElseThrow().permit().occupancy().vacant());
            assertThat(jdbc.queryForObject("select count(*) from door_events where door_id = 'sc-tank-door'"
                    + " and person_id = 'w-1004'", Integer.class)).isEqualTo(2);
            var completed = action(permitNo, enterpriseToken(ENTERPRISE), "COMPLETE", "{\"acceptedBy\":\"a-3001\"}");
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        }
    }

    @Test
    void entryWithoutValidPermitRaisesAnAlert() throws Exception {
        try (var alerts = new KafkaTestConsumer(kafkaBootstrap, "permit.alerts");
                SiteMqtt door = new SiteMqtt(brokerUrl)) {
            door.publish("site/" + SITE + "/door/sc-door-empty/event",
                    "{\"type\":\"PASSAGE\",\"workerId\":\"w-1010\",\"direction\":\"IN\"}");
            var found = alerts.awaitRecords(r -> r.value().contains("entry_without_valid_permit")
                    && r.value().contains("w-1010"), 1, WAIT);
            assertThat(found.get(0).value()).contains("NO_PERMIT_FOR_ZONE").contains("sc-door-empty");
        }
    }

    @Test
    void gasOverLimitSoundsNotifiesAndLocksThePermit() throws Exception {
        String permitNo = activeHotWork("gas-zone", "w-1006", "w-1007");
        await().atMost(WAIT).until(() -> index.permit(permitNo).map(p -> p.state().name()).orElse("").equals("ACTIVE"));
        assertDecision("sc-gas-door", "{\"workerId\":\"w-1006\",\"zoneId\":\"gas-zone\",\"direction\":\"IN\"}", true,
                "ALLOWED", permitNo);
        try (SiteMqtt devices = new SiteMqtt(brokerUrl)) {
            devices.subscribe("site/" + SITE + "/alarm/+/cmd").subscribe("site/" + SITE + "/door/sc-gas-door/cmd");
            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from door_commands where permit_no = ?"
                    + " and command = 'GRANT' and sent_at is not null", Integer.class, permitNo) == 1);
            // a normal reading changes nothing
            devices.publish("site/" + SITE + "/gas/sc-gas-1",
                    "{\"readings\":[{\"gas\":\"CH4\",\"value\":4,\"unit\":\"%LEL\"}],\"at\":\"" + Instant.now() + "\"}");
            // 20 %LEL methane = 1 % v/v, over the 0.5 % v/v limit (GB 30871-2022 §5.3.2)
            devices.publish("site/" + SITE + "/gas/sc-gas-1",
                    "{\"readings\":[{\"gas\":\"CH4\",\"value\":20,\"unit\":\"%LEL\"}],\"at\":\"" + Instant.now() + "\"}");

            var alarm = devices.await("site/" + SITE + "/alarm/sc-alarm-1/cmd", WAIT, "ALARM_ON", "CH4");
            assertThat(JSON.readTree(alarm.payload()).path("level").asInt()).isEqualTo(3);
            devices.await("site/" + SITE + "/door/sc-gas-door/cmd", WAIT, "REVOKE", permitNo);
            await().atMost(WAIT).untilAsserted(() -> {
                var stored = permitStore.find(permitNo).orElseThrow().permit();
                assertThat(stored.state().name()).isEqualTo("SUSPENDED");
            });
            JsonNode suspend = null;
            for (var action : permitStore.actions(permitNo)) {
                if (action.type().name().equals("SUSPEND")) {
                    suspend = action.data();
                }
            }
            assertThat(suspend).isNotNull();
            assertThat(suspend.path("reason").asText()).contains("GAS alarm CH4").contains("GAS_COMBUSTIBLE_OVER_LIMIT");
            await().atMost(WAIT).untilAsserted(() -> servers.simulators().get("notification").wireMock()
                    .verify(postRequestedFor(urlPathEqualTo("/hooks/site-managers"))
                            .withRequestBody(containing("\"zoneId\":\"gas-zone\""))
                            .withRequestBody(containing(permitNo))));
            assertDecision("sc-gas-door", "{\"workerId\":\"w-1006\",\"zoneId\":\"gas-zone\",\"direction\":\"IN\"}",
                    false, "PERMIT_SUSPENDED", permitNo);
            assertDecision("sc-gas-door", "{\"workerId\":\"w-1007\",\"zoneId\":\"gas-zone\",\"direction\":\"IN\"}",
                    false, "PERMIT_SUSPENDED", permitNo);
        }
    }

    @Test
    void revokeReachesAControllerThatWasOffline() throws Exception {
        String permitNo = activeHotWork("off-zone", "w-1008");
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from door_commands where permit_no = ? and command = 'GRANT'", Integer.class, permitNo) == 1);
        // the controller is offline while the permit is suspended
        var suspended = action(permitNo, enterpriseToken(ENTERPRISE), "SUSPEND", "{\"reason\":\"crane overhead\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from door_commands where permit_no = ? and command = 'REVOKE' and sent_at is not null",
                Integer.class, permitNo) == 1);
        try (SiteMqtt controller = new SiteMqtt(brokerUrl)) {
            controller.subscribe("site/" + SITE + "/door/sc-off-door/cmd");
            controller.publish("site/" + SITE + "/door/sc-off-door/event", "{\"type\":\"HELLO\"}");
            var revoke = controller.await("site/" + SITE + "/door/sc-off-door/cmd", WAIT, "REVOKE", permitNo);
            assertThat(JSON.readTree(revoke.payload()).path("workers").toString()).contains("w-1008");
        }
    }

    @Test
    void malformedReadingsGoToTheDlqAndTheNextGoodOneIsHandled() throws Exception {
        try (var dlq = new KafkaTestConsumer(kafkaBootstrap, "mqtt.dlq"); SiteMqtt devices = new SiteMqtt(brokerUrl)) {
            devices.subscribe("site/" + SITE + "/alarm/sc-det-dlq/cmd");
            devices.publish("site/" + SITE + "/gas/sc-det-dlq", "this is not json {");
            devices.publish("site/" + SITE + "/gas/no-such-detector", "{\"gas\":\"CH4\",\"value\":1,\"unit\":\"%LEL\"}");
            devices.publish("site/" + SITE + "/gas/sc-det-dlq", "{\"gas\":\"CH4\",\"value\":-5,\"unit\":\"%LEL\"}");
            devices.publish("site/" + SITE + "/gas/sc-det-dlq", "{\"gas\":\"XYZ\",\"value\":1,\"unit\":\"%LEL\"}");
            devices.publish("site/" + SITE + "/ai/sc-cam-1/alert", "{\"behaviour\":\"DANCING\",\"confidence\":0.9}");
            // no permit in the zone: the H2S reading over the OEL still sounds the detector's own alarm
            devices.publish("site/" + SITE + "/gas/sc-det-dlq", "{\"gas\":\"H2S\",\"value\":50,\"unit\":\"PPM\"}");
            devices.await("site/" + SITE + "/alarm/sc-det-dlq/cmd", WAIT, "ALARM_ON", "H2S");
            var records = dlq.awaitRecords(r -> r.key() != null && r.key().startsWith("site/" + SITE), 5, WAIT);
            Map<String, String> reasons = new TreeMap<>();
            for (var record : records) {
                JsonNode value = JSON.readTree(record.value());
                reasons.put(value.path("reason").asText(), value.path("topic").asText());
            }
            assertThat(reasons).containsKeys("MALFORMED_JSON", "DEVICE_UNKNOWN", "VALUE_OUT_OF_RANGE", "GAS_UNKNOWN",
                    "BEHAVIOUR_UNKNOWN");
            assertThat(reasons.get("DEVICE_UNKNOWN")).isEqualTo("site/" + SITE + "/gas/no-such-detector");
        }
    }

    @Test
    void cameraAlertLocksThePermitOfItsZone() throws Exception {
        String permitNo = activeHotWork("ai-zone", "w-1009");
        await().atMost(WAIT).until(() -> index.permit(permitNo).map(p -> p.state().name()).orElse("").equals("ACTIVE"));
        try (SiteMqtt camera = new SiteMqtt(brokerUrl)) {
            camera.publish("site/" + SITE + "/ai/sc-cam-1/alert",
                    "{\"behaviour\":\"NO_SAFETY_HARNESS\",\"confidence\":0.2}");
            camera.publish("site/" + SITE + "/ai/sc-cam-1/alert",
                    "{\"behaviour\":\"NO_SAFETY_HARNESS\",\"confidence\":0.93}");
            await().atMost(WAIT).until(() -> permitStore.find(permitNo).orElseThrow().permit().state().name()
                    .equals("SUSPENDED"));
            assertThat(permitStore.actions(permitNo).stream().filter(a -> a.type().name().equals("SUSPEND")).count())
                    .isEqualTo(1);
        }
    }

    @Test
    void externalAlarmsEnterTheResponseThroughAlarmIntake() throws Exception {
        try (SiteMqtt devices = new SiteMqtt(brokerUrl)) {
            devices.subscribe("site/" + SITE + "/alarm/+/cmd");
            String answer = camel.requestBody("direct:alarm-intake", """
                    {"siteId":"%s","zoneId":"empty-zone","source":"EXTERNAL","kind":"FIRE_PANEL","deviceId":"panel-3",
                     "at":"%s","detail":"fire panel zone 3"}""".formatted(SITE, Instant.now()), String.class);
            JsonNode response = JSON.readTree(answer);
            assertThat(response.path("level").asInt()).isEqualTo(2);
            assertThat(response.path("notified").asBoolean()).isTrue();
            assertThat(response.path("suspended")).isEmpty();
            devices.await("site/" + SITE + "/alarm/panel-3/cmd", WAIT, "FIRE_PANEL");
            await().atMost(WAIT).untilAsserted(() -> servers.simulators().get("notification").wireMock()
                    .verify(postRequestedFor(urlPathEqualTo("/hooks/site-managers")).withRequestBody(containing("FIRE_PANEL"))));
        }
    }

    @Test
    void aFeedThatIsUpButSilentRaisesOneAlertPerSilence() {
        var props = new org.permithub.hub.alarm.AlarmProperties(null, null, null, null, null, null,
                Duration.ZERO, java.util.List.of("mqtt-door-events"));
        var feeds = new org.permithub.hub.alarm.MqttFeeds(camel.getCamelContext(), siteAlerts, props, mapper);
        try (var alerts = new KafkaTestConsumer(kafkaBootstrap, "permit.alerts")) {
            assertThat(feeds.checkSilence()).isEqualTo(1);
            assertThat(feeds.checkSilence()).isZero();
            alerts.awaitRecords(r -> r.value().contains("permit.alert.device_feed_silent")
                    && r.value().contains("mqtt-door-events"), 1, WAIT);
        }
    }

    @Test
    void aRebuiltIndexHoldsWhatTheLiveIndexHolds() {
        String permitNo = activeHotWork("rebuild-zone", "w-1001");
        await().atMost(WAIT).until(() -> index.permit(permitNo).map(p -> p.state().name()).orElse("").equals("ACTIVE"));
        AccessIndex fresh = new AccessIndex(permitStore, reference, jdbc);
        fresh.rebuild();
        await().atMost(WAIT).untilAsserted(() -> assertThat(byNumber(fresh.openPermits()))
                .isEqualTo(byNumber(index.openPermits())));
        assertThat(fresh.permit(permitNo)).isPresent();
        assertThat(fresh.card("card-ok")).isEqualTo(index.card("card-ok"));
        assertThat(fresh.device("sc-tank-door")).isEqualTo(index.device("sc-tank-door"));
        DoorDecisions rebuilt = new DoorDecisions(fresh);
        assertThat(rebuilt.decide(new DoorDecisions.Request(null, "w-1001", SITE, "rebuild-zone", "IN", Instant.now()))
                .reasonCode()).isEqualTo(DoorDecisions.Reason.ALLOWED);
    }

    private static Map<String, String> byNumber(java.util.Collection<AccessIndex.PermitEntry> entries) {
        Map<String, String> result = new TreeMap<>();
        // only this test's site: other tests' permits may change between the two reads
        entries.stream().filter(e -> e.siteId().equals(SITE))
                .forEach(e -> result.put(e.permitNo(), e.state() + " v" + e.version() + " " + e.workers() + " " + e.inside()));
        return result;
    }

    // --- helpers -------------------------------------------------------------------------------

    private void assertDecision(String door, String body, boolean allow, String reason, String permitNo) {
        var response = decide(DOOR_KEYS.get(door), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode decision = json(response);
        assertThat(decision.path("reasonCode").asText()).as(body).isEqualTo(reason);
        assertThat(decision.path("allow").asBoolean()).as(body).isEqualTo(allow);
        if (permitNo != null) {
            assertThat(decision.path("permitNo").asText()).isEqualTo(permitNo);
        }
    }

    private HttpResponse<String> decide(String deviceKey, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/access/v1/decisions"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (deviceKey != null) {
            request.header("X-Device-Key", deviceKey);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void door(String id, String zone, Integer maxOccupants) {
        var response = put("/admin/v1/sites/" + SITE + "/devices/" + id, adminToken(),
                "{\"zoneId\":\"" + zone + "\",\"kind\":\"DOOR\"" + (maxOccupants == null ? "" : ",\"maxOccupants\":"
                        + maxOccupants) + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        DOOR_KEYS.put(id, json(response).path("deviceKey").asText());
    }

    private void device(String id, String zone, String kind) {
        var response = put("/admin/v1/sites/" + SITE + "/devices/" + id, adminToken(),
                "{\"zoneId\":\"" + zone + "\",\"kind\":\"" + kind + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).has("deviceKey")).isFalse();
    }

    private void card(String id, String person, String validUntil, boolean revoked) {
        var response = put("/admin/v1/cards/" + id, adminToken(), "{\"personId\":\"" + person + "\",\"revoked\":" + revoked
                + (validUntil == null ? "" : ",\"validUntil\":\"" + validUntil + "\"") + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String hotWork(String permitNo, String zone, String... workers) {
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"permitNo":"%s","enterpriseCode":"%s","siteId":"%s","workType":"HOT_WORK",
                 "grade":"GRADE_2","location":{"zoneId":"%s","lat":37.5393,"lon":121.3914},
                 "content":"weld bracket","plannedStart":"%s","plannedEnd":"%s",
                 "workers":%s,"guardianId":"g-2001","details":{"outdoor":true}}"""
                .formatted(permitNo, ENTERPRISE, SITE, zone, start, start.plus(4, ChronoUnit.HOURS), workers(workers));
    }

    private static String workers(String... workers) {
        return "[\"" + String.join("\",\"", workers) + "\"]";
    }

    /** Applies, approves, gas-tests and starts a 二级 hot-work permit in the zone. */
    private String activeHotWork(String zone, String... workers) {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        var applied = post("/api/v1/permits", token, hotWork(permitNo, zone, workers), UUID.randomUUID().toString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        start(permitNo, token, "{\"analystId\":\"an-1\",\"readings\":[{\"gas\":\"CH4\",\"value\":4,\"unit\":\"%LEL\","
                + "\"sampledAt\":\"" + Instant.now() + "\",\"distanceToWorkPointM\":3}]}");
        return permitNo;
    }

    /** A confined-space permit (GB 30871-2022 §6), started. */
    private String activeConfinedSpace(String zone, String... workers) {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        var applied = post("/api/v1/permits", token, """
                {"permitNo":"%s","enterpriseCode":"%s","siteId":"%s","workType":"CONFINED_SPACE",
                 "location":{"zoneId":"%s","lat":37.5393,"lon":121.3914},
                 "content":"clean tank T-7","plannedStart":"%s","plannedEnd":"%s",
                 "workers":%s,"guardianId":"g-2002","details":{"confinedSpaceId":"%s"}}"""
                .formatted(permitNo, ENTERPRISE, SITE, zone, start, start.plus(4, ChronoUnit.HOURS), workers(workers), zone),
                UUID.randomUUID().toString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        Instant now = Instant.now();
        start(permitNo, token, "{\"analystId\":\"an-1\",\"readings\":["
                + "{\"gas\":\"CH4\",\"value\":2,\"unit\":\"%LEL\",\"sampledAt\":\"" + now + "\",\"distanceToWorkPointM\":2},"
                + "{\"gas\":\"O2\",\"value\":20.9,\"unit\":\"%VOL\",\"sampledAt\":\"" + now + "\",\"distanceToWorkPointM\":2}]}");
        return permitNo;
    }

    private void start(String permitNo, String token, String gasTest) {
        var approved = action(permitNo, token, "APPROVE", "{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\","
                + "\"lat\":37.5394,\"lon\":121.3915,\"at\":\"" + Instant.now() + "\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        var tested = action(permitNo, token, "GAS_TEST", gasTest);
        assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
        var started = action(permitNo, token, "START", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).path("state").asText()).isEqualTo("ACTIVE");
    }

    private KafkaProducer<String, String> kafkaProducer() {
        Map<String, Object> config = Map.of("bootstrap.servers", kafkaBootstrap, "acks", "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Issue 5's agreed format: key = personId, structured CloudEvent. */
    private static ProducerRecord<String, String> credentialEvent(String personId, String status, String validUntil) {
        String value = """
                {"specversion":"1.0","id":"%s","source":"/permit-hub/credentials","type":"org.permithub.credential.status",
                 "subject":"%s","datacontenttype":"application/json",
                 "data":{"personId":"%s","contractorId":"c-1","status":"%s","validUntil":%s,"reasons":[]}}"""
                .formatted(UUID.randomUUID(), personId, personId, status, validUntil == null ? "null" : "\"" + validUntil + "\"");
        return new ProducerRecord<>("credential.events", personId, value);
    }
}
