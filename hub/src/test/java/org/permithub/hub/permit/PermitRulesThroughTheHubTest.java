package org.permithub.hub.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;
import org.permithub.hub.support.TestSite;

/**
 * The GB 30871 rules of core as the hub applies them with its own reference data: refusals name
 * their code and clause, warnings reach permit.alerts, site profiles can only tighten, and permits
 * past their validity expire by themselves.
 */
class PermitRulesThroughTheHubTest extends HubTestSupport {

    @Test
    void start_without_a_gas_test_is_refused_naming_the_code_and_the_clause() {
        String permitNo = appliedAndApproved(hotWorkApplication(newPermitNo(), ENTERPRISE));
        var response = action(permitNo, enterpriseToken(ENTERPRISE), "START", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = json(response);
        assertThat(problem.get("violations")).anySatisfy(v -> {
            assertThat(v.get("code").asText()).isEqualTo("GAS_TEST_MISSING");
            assertThat(v.get("clause").asText()).startsWith("GB30871-2022 §5.3.1");
        });
        assertThat(state(permitNo)).isEqualTo("APPROVED");
    }

    @Test
    void a_worker_without_a_welding_certificate_cannot_start_hot_work() {
        String permitNo = appliedAndApproved(hotWorkApplication(newPermitNo(), ENTERPRISE)
                .replace("\"w-1002\"", "\"w-uncertified\""));
        String token = enterpriseToken(ENTERPRISE);
        assertThat(action(permitNo, token, "GAS_TEST", HappyPath.gasTest()).statusCode()).isEqualTo(200);
        var response = action(permitNo, token, "START", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).get("violations")).anySatisfy(v -> {
            assertThat(v.get("code").asText()).isEqualTo("CERTIFICATE_MISSING");
            assertThat(v.get("detail").asText()).contains("w-uncertified");
        });
    }

    @Test
    void an_approver_outside_the_zone_is_refused() {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE), null).statusCode())
                .isEqualTo(201);
        // GB 30871-2022 §4.11: approval on site; 37.60 N is some 7 km from the zone
        var response = action(permitNo, token, "APPROVE", "{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\","
                + "\"lat\":37.60,\"lon\":121.3914,\"at\":\"" + Instant.now() + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).get("code").asText()).isNotBlank();
        assertThat(json(response).get("violations").toString()).contains("§4.11");
    }

    @Test
    void a_warning_is_returned_and_published_on_permit_alerts() throws Exception {
        try (var alerts = new KafkaTestConsumer(kafkaBootstrap, "permit.alerts")) {
            String first = newPermitNo();
            String second = newPermitNo();
            String token = enterpriseToken(ENTERPRISE);
            assertThat(post("/api/v1/permits", token, hotWorkApplication(first, ENTERPRISE), null).statusCode())
                    .isEqualTo(201);
            // a second job in the same zone is cross work (GB 30871-2022 §4.7): accepted with a warning
            var applied = post("/api/v1/permits", token, hotWorkApplication(second, ENTERPRISE), null);
            assertThat(applied.statusCode()).isEqualTo(201);
            assertThat(json(applied).get("warnings")).anySatisfy(w ->
                    assertThat(w.get("code").asText()).isEqualTo("SIMOPS_WARNING"));
            var records = alerts.awaitRecords(r -> second.equals(r.key()), 1, Duration.ofSeconds(30));
            JsonNode alert = JSON.readTree(records.get(0).value());
            assertThat(alert.get("type").asText()).isEqualTo("permit.alert.simops_warning");
            assertThat(alert.at("/data/permitNo").asText()).isEqualTo(second);
            assertThat(alert.at("/data/clause").asText()).startsWith("GB30871-2022");
        }
    }

    @Test
    void a_site_profile_that_loosens_gb_30871_is_refused_and_one_that_tightens_is_applied() {
        String admin = adminToken();
        String site = "profile-site-" + UUID.randomUUID().toString().substring(0, 6);
        String body = """
                {"calendar":{"zone":"%s","nightStarts":"18:00","nightEnds":"06:00","restDays":[]},
                 "zones":[{"zoneId":"unit-3","lat":37.5393,"lon":121.3914,"radiusM":300}],
                 "approvers":[{"personId":"a-3001","roles":["LOCAL_UNIT"]}],
                 "profile":{"validity.HOT_WORK.GRADE_2":"%s"}}""";
        var loosening = put("/admin/v1/sites/" + site, admin, body.formatted("+08:00", "PT96H"));
        assertThat(loosening.statusCode()).as(loosening.body()).isEqualTo(422);
        assertThat(json(loosening).get("code").asText()).isEqualTo("PROFILE_LOOSENS_LIMITS");
        assertThat(json(loosening).get("detail").asText()).contains("validity.HOT_WORK.GRADE_2");

        // a site that allows 二级 hot work for 2 h only: the 4 h test window is refused
        var tightening = put("/admin/v1/sites/" + site, admin,
                body.formatted(TestSite.offsetForTenInTheMorningId(), "PT2H"));
        assertThat(tightening.statusCode()).as(tightening.body()).isEqualTo(200);
        assertThat(put("/admin/v1/sites/" + site + "/wind", admin,
                "{\"speedMps\":1.0,\"measuredAt\":\"" + Instant.now() + "\"}").statusCode()).isEqualTo(200);
        var applied = post("/api/v1/permits", enterpriseToken(ENTERPRISE),
                hotWorkApplication(newPermitNo(), ENTERPRISE).replace("\"" + TestSite.SITE + "\"", "\"" + site + "\""),
                null);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(422);
        assertThat(json(applied).get("violations").toString()).contains("§5.1.5");
    }

    @Test
    void a_permit_past_its_validity_expires_by_itself_as_an_anchored_action() {
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String permitNo = newPermitNo();
        String application = hotWorkApplication(permitNo, ENTERPRISE)
                .replaceFirst("\"plannedStart\":\"[^\"]+\"", "\"plannedStart\":\"" + start + "\"")
                .replaceFirst("\"plannedEnd\":\"[^\"]+\"", "\"plannedEnd\":\"" + Instant.now().plusSeconds(3) + "\"");
        var applied = post("/api/v1/permits", enterpriseToken(ENTERPRISE), application, null);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(state(permitNo)));
        var expiry = jdbc.queryForMap(
                "select type, actor, source from permit_actions where permit_no = ? and version = 2", permitNo);
        assertThat(expiry).containsEntry("type", "EXPIRE").containsEntry("actor", "permit-hub")
                .containsEntry("source", "HUB");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from action_proofs where permit_no = ?", Integer.class, permitNo) == 2);
    }

    private String appliedAndApproved(String application) {
        String permitNo = json(post("/api/v1/permits", enterpriseToken(ENTERPRISE), application, null))
                .get("permitNo").asText();
        var approved = action(permitNo, enterpriseToken(ENTERPRISE), "APPROVE", HappyPath.approval());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        return permitNo;
    }

    private String state(String permitNo) {
        return jdbc.queryForObject("select state from permits where permit_no = ?", String.class, permitNo);
    }
}
