package org.permithub.hub.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.hub.credential.CredentialFixtures.idNumber;
import static org.permithub.hub.credential.CredentialFixtures.workerId;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.permithub.connectors.IdNumbers;
import org.permithub.connectors.contractor.WebhookSignature;
import org.permithub.hub.standalone.StandaloneServers;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/** The partner API (partner.yaml): contractor isolation, masking, bulk upserts, webhooks. */
class PartnerApiTest extends HubTestSupport {

    @Autowired
    StandaloneServers servers;

    @Test
    void a_contractor_never_sees_or_touches_another_contractors_worker() {
        String worker = workerId();
        var created = put("/partner/v1/workers/" + worker, contractorToken("C-ISO-A"),
                CredentialFixtures.welder("陈实", idNumber(CredentialFixtures.VALID)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(json(created).get("outcome").asText()).isEqualTo("CREATED");

        String other = contractorToken("C-ISO-B");
        for (String path : List.of("/partner/v1/workers/" + worker, "/partner/v1/workers/" + worker + "/verification")) {
            var foreign = get(path, other);
            assertThat(foreign.statusCode()).as(path).isEqualTo(404);
            assertThat(json(foreign).get("code").asText()).isEqualTo("WORKER_NOT_FOUND");
            var missing = get(path.replace(worker, "no-such-worker"), other);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(json(missing).get("code")).isEqualTo(json(foreign).get("code"));
        }
        var overwrite = put("/partner/v1/workers/" + worker, other,
                CredentialFixtures.welder("冒名", idNumber(CredentialFixtures.VALID)));
        assertThat(overwrite.statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select name from credential_workers where worker_id = ?", String.class, worker))
                .isEqualTo("陈实");
        JsonNode list = json(get("/partner/v1/workers?limit=500", other));
        list.get("items").forEach(item -> assertThat(item.get("workerId").asText()).isNotEqualTo(worker));
    }

    @Test
    void id_and_certificate_numbers_are_masked_in_every_answer() {
        String worker = workerId();
        String id = idNumber(CredentialFixtures.VALID);
        String token = contractorToken("C-MASK");
        put("/partner/v1/workers/" + worker, token, CredentialFixtures.welder("林静", id));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                json(get("/partner/v1/workers/" + worker, token)).get("status").asText().equals("VALID"));

        var one = get("/partner/v1/workers/" + worker, token);
        var verification = get("/partner/v1/workers/" + worker + "/verification", token);
        var list = get("/partner/v1/workers?limit=500", token);
        for (var answer : List.of(one, verification, list)) {
            assertThat(answer.body()).doesNotContain(id).doesNotContain(id.substring(3, 14));
        }
        assertThat(json(one).get("idNumber").asText()).isEqualTo(IdNumbers.mask(id));
        assertThat(json(one).at("/certificates/0/number").asText()).isEqualTo(IdNumbers.mask("T" + id));
        assertThat(json(one).at("/certificates/0/verification").asText()).isEqualTo("AUTHENTIC");
        assertThat(json(one).at("/insurance/status").asText()).isEqualTo("INSURED");
    }

    @Test
    void bulk_upsert_answers_per_item_and_is_idempotent() {
        String token = contractorToken("C-BULK");
        String a = workerId();
        String b = workerId();
        String body = "{\"workers\":[" + item(a, idNumber(CredentialFixtures.VALID)) + ","
                + item(b, idNumber(CredentialFixtures.VALID)) + ","
                + "{\"workerId\":\"bad-1\",\"name\":\"坏数据\",\"idNumber\":\"370602199001011235\"},"
                + "{\"name\":\"no id\",\"idNumber\":\"" + idNumber(CredentialFixtures.VALID) + "\"}]}";

        JsonNode first = json(post("/partner/v1/workers/bulk", token, body, null));
        assertThat(first.get("received").asInt()).isEqualTo(4);
        assertThat(first.get("results").findValuesAsText("outcome")).containsExactly("CREATED", "CREATED", "REJECTED", "REJECTED");
        assertThat(first.at("/results/2/problem/field").asText()).isEqualTo("workers[2].idNumber");
        assertThat(first.at("/results/3/problem/field").asText()).isEqualTo("workers[3].workerId");

        JsonNode again = json(post("/partner/v1/workers/bulk", token, body, null));
        assertThat(again.get("results").findValuesAsText("outcome")).containsExactly("UNCHANGED", "UNCHANGED", "REJECTED", "REJECTED");
        assertThat(jdbc.queryForObject("select count(*) from credential_workers where contractor_id = 'C-BULK'",
                Integer.class)).isEqualTo(2);

        var tooMany = post("/partner/v1/workers/bulk", token, "{\"workers\":[" + "{},".repeat(10_000) + "{}]}", null);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("workers");
    }

    @Test
    void every_partner_call_is_audited_for_admins_and_no_audit_row_holds_an_id_number() {
        String contractor = "C-AUDIT-" + workerId();
        String token = contractorToken(contractor);
        String worker = workerId();
        String id = idNumber(CredentialFixtures.VALID);
        assertThat(put("/partner/v1/workers/" + worker, token, CredentialFixtures.welder("周正", id)).statusCode())
                .isEqualTo(202);
        assertThat(get("/partner/v1/workers/" + worker, token).statusCode()).isEqualTo(200);
        assertThat(get("/partner/v1/workers/no-such-worker", token).statusCode()).isEqualTo(404);
        // a contractor that uses the ID number as its worker id
        assertThat(put("/partner/v1/workers/" + id, token, CredentialFixtures.welder("周正", id)).statusCode())
                .isEqualTo(202);
        String a = workerId();
        String b = workerId();
        assertThat(post("/partner/v1/workers/bulk", token, "{\"workers\":[" + item(a, idNumber(CredentialFixtures.VALID))
                + "," + item(b, idNumber(CredentialFixtures.VALID)) + "]}", null).statusCode()).isEqualTo(200);

        String admin = adminToken();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var listed = get("/admin/v1/audit/partner-requests?contractor=" + contractor, admin);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(listed.body()).doesNotContain(id).doesNotContain(id.substring(3, 14));
            JsonNode items = json(listed).get("items");
            assertThat(items).hasSize(5);
            JsonNode bulk = items.get(0); // newest first
            assertThat(bulk.get("method").asText()).isEqualTo("POST");
            assertThat(bulk.get("path").asText()).isEqualTo("/partner/v1/workers/bulk");
            assertThat(bulk.get("workerIds")).extracting(JsonNode::asText).containsExactly(a, b);
            assertThat(bulk.get("recordCount").asInt()).isEqualTo(2);
            assertThat(bulk.get("subject").asText()).isEqualTo("contractor-app-" + contractor);
            assertThat(bulk.get("contractorId").asText()).isEqualTo(contractor);
            JsonNode idAsWorker = items.get(1);
            assertThat(idAsWorker.get("path").asText()).isEqualTo("/partner/v1/workers/" + IdNumbers.mask(id));
            assertThat(idAsWorker.get("workerIds")).extracting(JsonNode::asText).containsExactly(IdNumbers.mask(id));
            JsonNode missing = items.get(2);
            assertThat(missing.get("status").asInt()).isEqualTo(404);
            assertThat(missing.get("workerIds")).extracting(JsonNode::asText).containsExactly("no-such-worker");
            JsonNode read = items.get(3);
            assertThat(read.get("method").asText()).isEqualTo("GET");
            assertThat(read.get("status").asInt()).isEqualTo(200);
            assertThat(read.get("recordCount").asInt()).isEqualTo(1);
            JsonNode changed = items.get(4);
            assertThat(changed.get("method").asText()).isEqualTo("PUT");
            assertThat(changed.get("status").asInt()).isEqualTo(202);
            assertThat(changed.get("workerIds")).extracting(JsonNode::asText).containsExactly(worker);
        });
        // who touched this worker; an ID-number worker id is looked up masked, like it is stored
        JsonNode ofWorker = json(get("/admin/v1/audit/partner-requests?worker=" + worker, admin)).get("items");
        assertThat(ofWorker.findValuesAsText("method")).containsExactly("GET", "PUT");
        assertThat(json(get("/admin/v1/audit/partner-requests?worker=" + id, admin)).get("items")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from api_audit where path like ? or query like ? "
                + "or array_to_string(record_ids, ',') like ?", Integer.class, "%" + id + "%", "%" + id + "%",
                "%" + id + "%")).isZero();
        // the regulator queries stay apart, and a contractor cannot read the log
        assertThat(json(get("/admin/v1/audit/regulator-queries?subject=contractor-app-" + contractor, admin))
                .get("items")).isEmpty();
        var refused = get("/admin/v1/audit/partner-requests?contractor=" + contractor, token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(worker);
    }

    @Test
    void tokens_without_the_contractor_role_and_scope_are_refused() {
        assertThat(get("/partner/v1/workers", null).statusCode()).isEqualTo(401);
        assertThat(get("/partner/v1/workers", enterpriseToken(ENTERPRISE)).statusCode()).isEqualTo(403);
        assertThat(get("/partner/v1/workers", regulatorToken("370600")).statusCode()).isEqualTo(403);
    }

    @Test
    void the_contractor_webhook_receives_hmac_signed_results() throws Exception {
        String contractor = "C-HOOK-" + workerId();
        String token = contractorToken(contractor);
        var sim = servers.simulators().get("contractor");
        var registered = put("/partner/v1/webhook", token, "{\"url\":\"" + sim.baseUrl() + "/webhooks/permit-hub\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String secret = json(registered).get("secret").asText();
        String worker = workerId();
        put("/partner/v1/workers/" + worker, token, CredentialFixtures.welder("黄河", idNumber(CredentialFixtures.VALID)));

        LoggedRequest delivery = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sim.wireMock()
                .findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/webhooks/permit-hub"))
                        .withRequestBody(WireMock.containing(worker))).stream().findFirst().orElse(null),
                java.util.Objects::nonNull);
        String body = delivery.getBodyAsString();
        String signature = delivery.getHeader(WebhookSignature.HEADER);
        assertThat(WebhookSignature.verify(secret, signature, body)).isTrue();
        assertThat(WebhookSignature.verify(secret, signature, body.replace("VALID", "INVALID"))).isFalse();
        assertThat(WebhookSignature.verify("another-secret", signature, body)).isFalse();
        JsonNode result = JSON.readTree(body);
        assertThat(result.get("personId").asText()).isEqualTo(worker);
        assertThat(result.get("status").asText()).isEqualTo("VALID");
        assertThat(result.get("eventId").asText()).isNotBlank();
    }

    private static String item(String workerId, String id) {
        return CredentialFixtures.welder("批量", id).replaceFirst("\\{", "{\"workerId\":\"" + workerId + "\",");
    }
}
