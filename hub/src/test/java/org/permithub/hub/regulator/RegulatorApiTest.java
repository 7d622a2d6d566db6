package org.permithub.hub.regulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The regulator operations end to end, each answer checked against regulator.yaml. */
class RegulatorApiTest extends RegulatorTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private org.permithub.api.regulator.ContractorRoster roster;

    @org.springframework.beans.factory.annotation.Autowired
    private org.permithub.api.regulator.PeopleDirectory people;

    @Test
    void searchPagesByCursorWithoutSkipsOrRepeatsWhilePermitsAreWritten() {
        Instant from = Instant.now().minusSeconds(1);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(appliedPermit(ENTERPRISE));
        }
        String foreign = appliedPermit(OTHER_ENTERPRISE);
        String token = regulatorToken("370600");
        String query = "/regulator/v1/permits?enterprise=" + ENTERPRISE + "&limit=2&from=" + enc(from.toString());

        var first = get(query, token);
        assertKeepsContract("GET", query, first);
        assertThat(first.statusCode()).isEqualTo(200);
        Set<String> seen = new HashSet<>();
        json(first).get("items").forEach(item -> seen.add(item.get("permitNo").asText()));
        String cursor = json(first).get("nextCursor").asText();
        String writtenMeanwhile = appliedPermit(ENTERPRISE); // newer: belongs before page 1, never in later pages
        int pages = 1;
        while (cursor != null) {
            var page = get(query + "&cursor=" + cursor, token);
            assertKeepsContract("GET", query, page);
            for (JsonNode item : json(page).get("items")) {
                assertThat(seen.add(item.get("permitNo").asText())).as("no repeats").isTrue();
            }
            cursor = json(page).hasNonNull("nextCursor") ? json(page).get("nextCursor").asText() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(mine).doesNotContain(foreign, writtenMeanwhile);

        var hotWorkApplied = get("/regulator/v1/permits?workType=HOT_WORK&state=APPLIED&limit=200&from="
                + enc(from.toString()), token);
        assertThat(json(hotWorkApplied).findValuesAsText("permitNo")).contains(writtenMeanwhile).doesNotContain(foreign);
        // a contractor with no worker in the credential registry: the filter finds nothing rather than everything
        var byContractor = get("/regulator/v1/permits?contractor=ctr-1&from=" + enc(from.toString()), token);
        assertThat(json(byContractor).get("items")).isEmpty();
        var gasTested = get("/regulator/v1/permits?state=ACTIVE&limit=200&from=" + enc(from.toString()), token);
        assertThat(json(gasTested).findValuesAsText("permitNo")).doesNotContainAnyElementsOf(mine);
    }

    @Test
    void detailActionTrailAndComplianceOfAnActivePermit() {
        String permitNo = activePermit(ENTERPRISE,
                "{\"photoUri\":\"https://oss.example.cn/permits/p-1.jpg\",\"signatures\":[\"oss://sign/g-2001.png\"]}");
        String token = regulatorToken("370600");

        var detail = get("/regulator/v1/permits/" + permitNo + "/detail", token);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertKeepsContract("GET", "/regulator/v1/permits/" + permitNo + "/detail", detail);
        JsonNode body = json(detail);
        assertThat(body.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("workers").findValuesAsText("personId")).containsExactly("w-1001", "w-1002");
        assertThat(body.get("guardian").get("personId").asText()).isEqualTo("g-2001");
        assertThat(body.get("gasTests")).hasSize(1);
        assertThat(body.get("gasTests").get(0).get("readings").get(0).get("gas").asText()).isEqualTo("CH4");
        assertThat(body.get("approvals").get(0).get("approverId").asText()).isEqualTo("a-3001");
        assertThat(body.get("location").get("zoneId").asText()).isNotBlank();
        assertThat(body.get("evidence").findValuesAsText("uri"))
                .containsExactly("https://oss.example.cn/permits/p-1.jpg", "oss://sign/g-2001.png");
        assertThat(body.get("evidence").get(0).get("actionType").asText()).isEqualTo("START");

        var compliance = get("/regulator/v1/permits/" + permitNo + "/compliance", token);
        assertKeepsContract("GET", "/regulator/v1/permits/" + permitNo + "/compliance", compliance);
        JsonNode flags = json(compliance).get("flags");
        assertThat(flag(flags, "APPROVAL_BEFORE_START").get("status").asText()).isEqualTo("PASS");
        assertThat(flag(flags, "GAS_TEST_FRESH_AT_START").get("status").asText()).isEqualTo("PASS");
        // the test approves within seconds of applying: exactly what park scoring 3.14 flags
        assertThat(flag(flags, "APPROVAL_TIME_PLAUSIBLE").get("status").asText()).isEqualTo("FAIL");
        assertThat(flag(flags, "APPROVAL_TIME_PLAUSIBLE").get("rule").asText()).contains("3.14");
        assertThat(flag(flags, "SIGN_OFF_ON_TIME").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        // the enterprise submitted no daily commitment: the work was carried out uncommitted
        assertThat(flag(flags, "IN_DAILY_COMMITMENT").get("status").asText()).isEqualTo("FAIL");
        assertThat(flag(flags, "GAS_TEST_FRESH_AT_START").get("rule").asText()).contains("§5.3.1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var trail = get("/regulator/v1/permits/" + permitNo + "/actions", token);
            assertKeepsContract("GET", "/regulator/v1/permits/" + permitNo + "/actions", trail);
            assertThat(json(trail).get("status").asText()).isEqualTo("VERIFIED");
            assertThat(json(trail).get("actions").findValuesAsText("type"))
                    .containsExactly("APPLY", "APPROVE", "GAS_TEST", "START");
            assertThat(json(trail).get("actions").findValuesAsText("status")).containsOnly("VERIFIED");
        });
    }

    @Test
    void statisticsCountTheWindowAndMapAlarmsAndViolationsByHourOfWeek() {
        Instant from = Instant.now().minusSeconds(1);
        String enterprise = freshYantaiEnterprise();
        List<String> permits = List.of(activePermit(enterprise), appliedPermit(enterprise));
        appliedPermit(OTHER_ENTERPRISE);
        Instant to = Instant.now().plusSeconds(1);
        String path = "/regulator/v1/statistics?from=" + enc(from.toString()) + "&to=" + enc(to.toString())
                + "&enterprise=" + enterprise;
        var answer = get(path, regulatorToken("3706"));
        assertKeepsContract("GET", path, answer);
        JsonNode stats = json(answer);
        assertThat(stats.get("total").asInt()).isEqualTo(2);
        assertThat(stats.get("byWorkType").get("HOT_WORK").asInt()).isEqualTo(2);
        assertThat(stats.get("byState").get("ACTIVE").asInt()).isEqualTo(1);
        assertThat(stats.get("byEnterprise").has(OTHER_ENTERPRISE)).isFalse();
        // what the compliance operation says of each permit is what the statistics count
        int failedFlags = 0;
        int permitsWithViolations = 0;
        for (String permitNo : permits) {
            int failed = json(get("/regulator/v1/permits/" + permitNo + "/compliance", regulatorToken("3706")))
                    .get("flags").findValuesAsText("status").stream().filter("FAIL"::equals).toList().size();
            failedFlags += failed;
            permitsWithViolations += failed > 0 ? 1 : 0;
        }
        assertThat(permitsWithViolations).isPositive(); // the active one was approved seconds after applying
        assertThat(stats.get("permitsWithViolations").asInt()).isEqualTo(permitsWithViolations);
        assertThat(stats.get("violationRate").asDouble()).isEqualTo(permitsWithViolations / 2.0);
        assertThat(stats.get("heatMap").get("alarms")).hasSize(7);
        assertThat(stats.get("heatMap").get("violations").get(0)).hasSize(24);
        int violations = 0;
        for (JsonNode day : stats.get("heatMap").get("violations")) {
            for (JsonNode hour : day) {
                violations += hour.asInt();
            }
        }
        assertThat(violations).isEqualTo(failedFlags);
        assertThat(stats.get("heatMap").get("peak").get("count").asInt()).isPositive();
        assertThat(stats.get("commitment").get("status").asText()).isEqualTo("EVALUATED");
        assertThat(stats.get("commitment").get("committed").asInt()).isZero();
        assertThat(stats.get("commitment").get("actual").asInt()).isEqualTo(1);

        var foreignView = get("/regulator/v1/statistics?from=" + enc(from.toString()) + "&to=" + enc(to.toString())
                + "&enterprise=" + enterprise, regulatorToken("3301"));
        assertThat(json(foreignView).get("total").asInt()).isZero();
    }

    @Test
    void aRandomInspectionIsReproducibleFromItsSeedAndAnchored() {
        Instant from = Instant.now(); // the same clock as the hub's: only this test's permits are newer
        String enterprise = freshYantaiEnterprise();
        for (int i = 0; i < 6; i++) {
            appliedPermit(enterprise);
        }
        appliedPermit(OTHER_ENTERPRISE);
        String window = "\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\"";
        String request = "{\"target\":\"PERMITS\",\"sampleSize\":3,\"seed\":20261129," + window + "}";
        String token = regulatorToken("3706");

        var first = post("/regulator/v1/inspections", token, request, null);
        var second = post("/regulator/v1/inspections", token, request, null);
        assertThat(first.statusCode()).isEqualTo(201);
        assertKeepsContract("POST", "/regulator/v1/inspections", first);
        assertThat(json(first).get("populationSize").asInt()).isEqualTo(6);
        assertThat(json(first).get("selected")).hasSize(3);
        assertThat(json(second).get("selected")).isEqualTo(json(first).get("selected"));
        assertThat(json(second).get("populationHash")).isEqualTo(json(first).get("populationHash"));
        var otherSeed = post("/regulator/v1/inspections", token, request.replace("20261129", "7"), null);
        assertThat(json(otherSeed).get("populationHash")).isEqualTo(json(first).get("populationHash"));

        String id = json(first).get("inspectionId").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var stored = get("/regulator/v1/inspections/" + id, token);
            assertKeepsContract("GET", "/regulator/v1/inspections/" + id, stored);
            assertThat(json(stored).get("anchoring").get("status").asText()).isEqualTo("VERIFIED");
            assertThat(json(stored).get("anchoring").get("ledgerRoot").asText()).hasSize(64);
            assertThat(json(stored).get("selected")).isEqualTo(json(first).get("selected"));
        });
        assertThat(jdbc.queryForObject("select count(*) from record_proofs where record_id = ?::uuid and record_kind = 'random-inspection'",
                Integer.class, id))
                .isEqualTo(1);
        // another jurisdiction does not see the draw
        assertThat(get("/regulator/v1/inspections/" + id, regulatorToken("3301")).statusCode()).isEqualTo(404);
        // a stored draw cannot be edited
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                "update random_inspections set seed = 1 where inspection_id = ?::uuid", id))
                .hasMessageContaining("append-only");
    }

    @Test
    void invalidParametersAnswer400NamingTheField() {
        String token = regulatorToken("3706");
        var bad = get("/regulator/v1/permits?workType=SWIMMING&limit=0&from=yesterday", token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(bad).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(json(bad).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("workType", "limit", "from");
        assertKeepsContract("GET", "/regulator/v1/permits", bad);

        var badBody = post("/regulator/v1/inspections", token, "{\"target\":\"PEOPLE\",\"sampleSize\":5000}", null);
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(json(badBody).get("errors").findValuesAsText("field"))
                .contains("body.target", "body.sampleSize", "body.from", "body.to");

        var missing = get("/regulator/v1/statistics?from=" + enc(Instant.now().toString()), token);
        assertThat(json(missing).get("errors").findValuesAsText("field")).containsExactly("to");
        var unknown = get("/regulator/v1/permits?colour=red", token);
        assertThat(json(unknown).get("errors").findValuesAsText("field")).containsExactly("colour");
        var badCursor = get("/regulator/v1/permits?cursor=bm9wZQ", token);
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(json(badCursor).get("errors").findValuesAsText("field")).containsExactly("cursor");
        var longWindow = get("/regulator/v1/statistics?from=" + enc(Instant.now().minus(40, ChronoUnit.DAYS).toString())
                + "&to=" + enc(Instant.now().toString()), token);
        assertThat(longWindow.statusCode()).isEqualTo(422);
    }

    @Test
    void contractorRosterAndPeopleComeFromTheCredentialRegistry() {
        String contractor = "C-ROSTER-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String worker = "rw-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String idNumber = org.permithub.connectors.IdNumbers.withCheckCharacter("37060219800101001");
        var stored = put("/partner/v1/workers/" + worker, contractorToken(contractor),
                "{\"name\":\"张伟\",\"idNumber\":\"" + idNumber + "\",\"certificates\":[]}");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(roster.workerIds(contractor)).containsExactly(worker);
            assertThat(people.find(worker)).hasValueSatisfying(person -> {
                assertThat(person.name()).isEqualTo("张伟");
                assertThat(person.idNumber()).isEqualTo(idNumber);
            });
        });
        assertThat(people.find("nobody-" + worker)).isEmpty();
    }

    @Test
    void thePartnerApiIsCheckedAgainstItsContractAtTheGateway() {
        var bad = get("/partner/v1/workers?limit=0", contractorToken("C-GATEWAY"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("errors").findValuesAsText("field")).containsExactly("limit");
    }

    @Test
    void contractsAreServedAndListedInSwaggerUi() {
        var spec = get("/regulator/v1/openapi.yaml", null);
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).contains("operationId: searchPermits").contains("url: /regulator/v1");
        assertThat(get("/api/v1/openapi.yaml", null).body()).contains("url: /api/v1");
        var docs = get("/docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/regulator/v1/openapi.yaml").contains("/admin/v1/openapi.yaml")
                .contains("/partner/v1/openapi.yaml").contains("/access/v1/openapi.yaml");
        assertThat(get("/partner/v1/openapi.yaml", null).body()).contains("operationId: bulkUpsertWorkers");
        assertThat(get("/access/v1/openapi.yaml", null).body()).contains("url: /access/v1");
        String bundle = docs.body().replaceAll("(?s).*src=\"(/webjars/swagger-ui/[^\"]+swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(get(bundle, null).statusCode()).isEqualTo(200);
    }

    private static JsonNode flag(JsonNode flags, String code) {
        for (JsonNode flag : flags) {
            if (flag.get("code").asText().equals(code)) {
                return flag;
            }
        }
        throw new AssertionError("no flag " + code + " in " + flags);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
