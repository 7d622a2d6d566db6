package org.permithub.hub.permit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permithub.core.access.Role;
import org.permithub.hub.security.SigningKeys;
import org.permithub.hub.security.TokenIssuer;
import org.permithub.hub.support.HubTestSupport;

/** Every kind of bad input gets an RFC 9457 problem with a stable code and a 4xx; never a 500. */
class IntakeBadInputTest extends HubTestSupport {

    @Test
    void malformed_json_is_400_malformed_json() {
        var response = post("/api/v1/permits", enterpriseToken(ENTERPRISE), "{\"permitNo\": ", null);
        assertProblem(response, 400, "MALFORMED_JSON");
    }

    @Test
    void a_missing_field_is_400_naming_the_field() {
        String body = hotWorkApplication(newPermitNo(), ENTERPRISE).replace("\"guardianId\":\"g-2001\"", "\"x\":1");
        var response = post("/api/v1/permits", enterpriseToken(ENTERPRISE), body, null);
        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors")).anySatisfy(error ->
                assertThat(error.get("field").asText()).isEqualTo("guardianId"));
    }

    @Test
    void a_wrong_enum_and_a_bad_credit_code_are_400_naming_both_fields() {
        String body = hotWorkApplication(newPermitNo(), "91370602MA3C000010")
                .replace("\"HOT_WORK\"", "\"BBQ\"");
        var response = post("/api/v1/permits", enterpriseToken("91370602MA3C000010"), body, null);
        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .contains("workType", "enterpriseCode");
    }

    @Test
    void an_unknown_permit_is_404() {
        var response = action("NO-SUCH-PERMIT", enterpriseToken(ENTERPRISE), "APPROVE", HappyPath.approval());
        assertProblem(response, 404, "PERMIT_NOT_FOUND");
    }

    @Test
    void another_enterprises_permit_is_404_not_403() {
        String permitNo = newPermitNo();
        assertThat(post("/api/v1/permits", enterpriseToken(ENTERPRISE), hotWorkApplication(permitNo, ENTERPRISE), null)
                .statusCode()).isEqualTo(201);
        var response = action(permitNo, enterpriseToken(OTHER_ENTERPRISE), "APPROVE", HappyPath.approval());
        assertProblem(response, 404, "PERMIT_NOT_FOUND");
    }

    @Test
    void applying_for_another_enterprise_is_403() {
        var response = post("/api/v1/permits", enterpriseToken(OTHER_ENTERPRISE),
                hotWorkApplication(newPermitNo(), ENTERPRISE), null);
        assertProblem(response, 403, "ENTERPRISE_MISMATCH");
    }

    @Test
    void an_action_not_allowed_in_the_current_state_is_409() {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE), null).statusCode())
                .isEqualTo(201);
        var response = action(permitNo, token, "COMPLETE", "{}");
        JsonNode problem = assertProblem(response, 409, "ACTION_NOT_ALLOWED_IN_STATE");
        assertThat(problem.get("violations")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from permit_actions where permit_no = ?", Integer.class, permitNo))
                .isEqualTo(1);
    }

    @Test
    void an_unknown_action_type_is_400() {
        var response = post("/api/v1/permits/X/actions", enterpriseToken(ENTERPRISE), "{\"type\":\"DANCE\"}", null);
        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("type");
    }

    @Test
    void applying_twice_for_the_same_number_is_409() {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE), null).statusCode())
                .isEqualTo(201);
        assertProblem(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE), null),
                409, "PERMIT_ALREADY_EXISTS");
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        assertProblem(get("/api/v1/nothing-here", enterpriseToken(ENTERPRISE)), 404, "NOT_FOUND");
        assertProblem(get("/nothing-here", enterpriseToken(ENTERPRISE)), 404, "NOT_FOUND");
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        var response = delete("/api/v1/permits");
        assertThat(response.statusCode()).isIn(404, 405);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void no_token_is_401() {
        assertProblem(post("/api/v1/permits", null, hotWorkApplication(newPermitNo(), ENTERPRISE), null),
                401, "UNAUTHENTICATED");
        assertProblem(get("/regulator/v1/permits/X", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_token_signed_by_another_key_is_401() throws Exception {
        var foreignKeys = SigningKeys.loadOrCreate(java.nio.file.Files.createTempDirectory("foreign-issuer"));
        String forged = new TokenIssuer(foreignKeys, "permit-hub-standalone")
                .issue(TokenIssuer.Grant.of(Role.ENTERPRISE, "forger").enterprise(ENTERPRISE));
        assertProblem(post("/api/v1/permits", forged, hotWorkApplication(newPermitNo(), ENTERPRISE), null),
                401, "INVALID_TOKEN");
    }

    @Test
    void an_expired_token_and_a_wrong_issuer_are_401() {
        String expired = tokens.issue(TokenIssuer.Grant.of(Role.ENTERPRISE, "late").enterprise(ENTERPRISE)
                .ttl(Duration.ofMinutes(1)), Instant.now().minus(Duration.ofHours(1)));
        assertProblem(post("/api/v1/permits", expired, hotWorkApplication(newPermitNo(), ENTERPRISE), null),
                401, "INVALID_TOKEN");
        var keys = SigningKeys.loadOrCreate(java.nio.file.Path.of("target/test-hub-data"));
        String otherIssuer = new TokenIssuer(keys, "someone-else")
                .issue(TokenIssuer.Grant.of(Role.ENTERPRISE, "x").enterprise(ENTERPRISE));
        assertProblem(post("/api/v1/permits", otherIssuer, hotWorkApplication(newPermitNo(), ENTERPRISE), null),
                401, "INVALID_TOKEN");
    }

    @Test
    void an_unsigned_alg_none_token_is_401() {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"permit-hub-standalone\",\"sub\":\"x\",\"roles\":[\"admin\"],\"scope\":\"permits:write\","
                        + "\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}").getBytes());
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertProblem(post("/api/v1/permits", header + "." + payload + ".", hotWorkApplication(newPermitNo(), ENTERPRISE), null),
                401, "INVALID_TOKEN");
    }

    @Test
    void a_regulator_token_cannot_submit_and_an_enterprise_token_cannot_query_the_regulator_api() {
        assertProblem(post("/api/v1/permits", regulatorToken("3706"), hotWorkApplication(newPermitNo(), ENTERPRISE), null),
                403, "FORBIDDEN");
        assertProblem(get("/regulator/v1/permits/X", enterpriseToken(ENTERPRISE)), 403, "FORBIDDEN");
    }

    @Test
    void a_token_without_the_scope_is_403() {
        String noScope = tokens.issue(TokenIssuer.Grant.of(Role.ENTERPRISE, "narrow").enterprise(ENTERPRISE)
                .scopes(java.util.List.of("profile")));
        assertProblem(post("/api/v1/permits", noScope, hotWorkApplication(newPermitNo(), ENTERPRISE), null),
                403, "FORBIDDEN");
    }

    @Test
    void the_same_idempotency_key_twice_gives_the_same_answer_and_one_stored_action() {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        String key = UUID.randomUUID().toString();
        String body = hotWorkApplication(permitNo, ENTERPRISE);
        var first = post("/api/v1/permits", token, body, key);
        var second = post("/api/v1/permits", token, body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());

        String approveKey = UUID.randomUUID().toString();
        String approve = "{\"type\":\"APPROVE\",\"data\":" + HappyPath.approval() + "}";
        var approved = post("/api/v1/permits/" + permitNo + "/actions", token, approve, approveKey);
        var again = post("/api/v1/permits/" + permitNo + "/actions", token, approve, approveKey);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(approved.body());
        assertThat(jdbc.queryForObject("select count(*) from permit_actions where permit_no = ?", Integer.class, permitNo))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                "select count(*) from outbox where aggregate_id = ? and destination in ('events', 'ledger')",
                Integer.class, permitNo)).isEqualTo(4);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_422() {
        String token = enterpriseToken(ENTERPRISE);
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/v1/permits", token, hotWorkApplication(newPermitNo(), ENTERPRISE), key).statusCode())
                .isEqualTo(201);
        assertProblem(post("/api/v1/permits", token, hotWorkApplication(newPermitNo(), ENTERPRISE), key),
                422, "IDEMPOTENCY_KEY_REUSED");
    }

    private HttpResponse<String> delete(String path) {
        try {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + enterpriseToken(ENTERPRISE)).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("urn:permit-hub:problem:");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "stackTrace", "trace");
        return problem;
    }
}
