package org.permithub.hub.govplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.hub.site.ReferenceDataStore;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;
import org.permithub.hub.support.TestSite;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The daily commitment (安全承诺): stored, sent to the platform, reconciled against the permits started. */
class DailyCommitmentTest extends HubTestSupport {

    /** An enterprise of its own, so other tests' permits do not count. */
    static final String COMMITTED = CreditCode.withCheckCharacter("91370602MA3GC0001");

    @Autowired
    DailyCommitments commitments;

    @Autowired
    ReferenceDataStore reference;

    @Value("${permit-hub.simulators.gov-platform.url}")
    String platformUrl;

    @Test
    void aCommitmentIsSentToThePlatformAndReconciledAgainstThePermitsStarted() throws Exception {
        ZoneId zone = reference.calendar(TestSite.SITE).orElseThrow().zone();
        LocalDate today = LocalDate.now(zone);
        String token = enterpriseToken(COMMITTED);
        var stored = put("/api/v1/daily-commitments/" + TestSite.SITE + "/" + today, token, """
                {"enterpriseCode":"%s","unitsNumber":4,"runNumber":3,"parkNumber":1,"riskGrade":"一般风险",
                 "principal":"王厂长","commitment":"今日特殊作业均已落实安全措施",
                 "planned":[{"workType":"HOT_WORK","grade":"GRADE_2","count":2},
                            {"workType":"CONFINED_SPACE","count":1}]}""".formatted(COMMITTED));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(json(stored).get("version").asInt()).isEqualTo(1);
        assertThat(json(stored).get("dueAt").asText()).isEqualTo(today.atTime(10, 0).atZone(zone).toInstant().toString());

        // another enterprise may not submit for this one
        var foreign = put("/api/v1/daily-commitments/" + TestSite.SITE + "/" + today, enterpriseToken(ENTERPRISE),
                "{\"enterpriseCode\":\"" + COMMITTED + "\",\"planned\":[]}");
        assertThat(foreign.statusCode()).isEqualTo(403);

        // one 二级 hot work actually started
        String permitNo = newPermitNo();
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, COMMITTED),
                UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        assertThat(action(permitNo, token, "APPROVE", ConnectorTestData.approval()).statusCode()).isEqualTo(200);
        assertThat(action(permitNo, token, "GAS_TEST", ConnectorTestData.gasTest()).statusCode()).isEqualTo(200);
        var start = action(permitNo, token, "START", "{}");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);

        try (var alerts = new KafkaTestConsumer(kafkaBootstrap, "permit.alerts")) {
            var result = commitments.reconcile(COMMITTED, TestSite.SITE, today);
            assertThat(result.permitNos()).containsExactly(permitNo);
            assertThat(result.mismatches()).containsExactlyInAnyOrder(
                    new DailyCommitments.Mismatch("HOT_WORK/GRADE_2", 2, 1),
                    new DailyCommitments.Mismatch("CONFINED_SPACE", 1, 0));

            var alert = alerts.awaitRecords(r -> r.value().contains("permit.alert.commitment_mismatch")
                    && r.value().contains(COMMITTED), 1, Duration.ofSeconds(30)).get(0);
            JsonNode event = JSON.readTree(alert.value());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("type").asText()).isEqualTo("permit.alert.commitment_mismatch");
            assertThat(event.get("source").asText()).isEqualTo("/permit-hub/enterprises/" + COMMITTED + "/sites/" + TestSite.SITE);
            assertThat(event.get("subject").asText()).isEqualTo(COMMITTED + "/" + TestSite.SITE + "/" + today);
            assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(event.get("time").asText()).isNotEmpty();
            assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
            JsonNode data = event.get("data");
            assertThat(data.get("code").asText()).isEqualTo("COMMITMENT_MISMATCH");
            assertThat(data.get("mismatches")).hasSize(2);
        }
        // the regulator sees the started work as committed, and the day's committed count
        var compliance = json(get("/regulator/v1/permits/" + permitNo + "/compliance", regulatorToken("3706")));
        JsonNode inCommitment = null;
        for (JsonNode flag : compliance.get("flags")) {
            if (flag.get("code").asText().equals("IN_DAILY_COMMITMENT")) {
                inCommitment = flag;
            }
        }
        assertThat(inCommitment).as(compliance.toString()).isNotNull();
        assertThat(inCommitment.get("status").asText()).isEqualTo("PASS");
        String window = "from=" + java.net.URLEncoder.encode(today.atStartOfDay(zone).toInstant().toString(),
                java.nio.charset.StandardCharsets.UTF_8) + "&to=" + java.net.URLEncoder.encode(
                today.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1).toString(),
                java.nio.charset.StandardCharsets.UTF_8);
        JsonNode stats = json(get("/regulator/v1/statistics?" + window + "&enterprise=" + COMMITTED,
                regulatorToken("3706")));
        assertThat(stats.get("commitment").get("status").asText()).as(stats.toString()).isEqualTo("EVALUATED");
        assertThat(stats.get("commitment").get("committed").asInt()).isEqualTo(3);

        var reconciled = get("/api/v1/daily-commitments/" + TestSite.SITE + "/" + today + "?enterpriseCode=" + COMMITTED,
                token);
        assertThat(reconciled.statusCode()).isEqualTo(200);
        assertThat(json(reconciled).has("reconciledAt")).isTrue();

        // the platform got the commitment (sec_production_promise) and the link to the permit
        URI uri = URI.create(platformUrl);
        WireMock platform = new WireMock(uri.getHost(), uri.getPort());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> platform.getServeEvents().stream()
                .anyMatch(e -> e.getRequest().getUrl().endsWith("/sec_production_promise_ticket")));
        ServeEvent promise = platform.getServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().endsWith("/sec_production_promise")
                        && e.getRequest().getBodyAsString().contains(COMMITTED))
                .findFirst().orElseThrow();
        JsonNode record = JSON.readTree(JSON.readTree(promise.getRequest().getBodyAsString()).get("datas").asText()).get(0);
        assertThat(record.get("fire2Number").asInt()).isEqualTo(2);
        assertThat(record.get("spaceworkNumber").asInt()).isEqualTo(1);
        assertThat(record.get("commitDate").asText()).isEqualTo(today.toString().replace("-", ""));
    }
}
