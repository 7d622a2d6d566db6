package org.permithub.hub.regulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permithub.core.access.Role;
import org.permithub.hub.security.TokenIssuer;

/**
 * Each role × each regulator operation × own and foreign data: the status, and that nothing of a
 * permit outside the caller's jurisdiction leaks (a foreign permit answers exactly like a missing one).
 */
class RegulatorAuthorizationMatrixTest extends RegulatorTestSupport {

    private String permitNo;
    private String inspectionId;
    private Instant from;

    /** Who calls: the token, or null for none. */
    private Map<String, String> callers() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("regulator-own", regulatorToken("370600"));
        callers.put("regulator-foreign", regulatorToken("330100"));
        callers.put("regulator-without-scope", tokens.issue(TokenIssuer.Grant.of(Role.REGULATOR, "no-scope")
                .jurisdiction("3706").scopes(List.of("permits:write"))));
        callers.put("enterprise", enterpriseToken(ENTERPRISE));
        callers.put("contractor", tokens.issue(TokenIssuer.Grant.of(Role.CONTRACTOR, "ctr-1").contractor("ctr-1")));
        callers.put("admin", adminToken());
        callers.put("none", null);
        return callers;
    }

    @BeforeEach
    void ownPermitAndDraw() {
        if (permitNo == null) {
            from = Instant.now().minusSeconds(1);
            permitNo = activePermit(ENTERPRISE);
            var drawn = post("/regulator/v1/inspections", regulatorToken("3706"), "{\"target\":\"ENTERPRISES\","
                    + "\"sampleSize\":1,\"seed\":1,\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(1)
                    + "\"}", null);
            inspectionId = json(drawn).get("inspectionId").asText();
        }
    }

    @Test
    void everyRoleGetsItsStatusOnEveryOperationAndNothingForeignLeaks() {
        String window = "from=" + enc(from.toString()) + "&to=" + enc(Instant.now().plusSeconds(1).toString());
        Map<String, String> gets = new LinkedHashMap<>();
        gets.put("getPermitStatus", "/regulator/v1/permits/" + permitNo);
        gets.put("getPermitVerification", "/regulator/v1/permits/" + permitNo + "/verification");
        gets.put("getPermitEvidence", "/regulator/v1/permits/" + permitNo + "/evidence");
        gets.put("getPermitDetail", "/regulator/v1/permits/" + permitNo + "/detail");
        gets.put("getPermitActions", "/regulator/v1/permits/" + permitNo + "/actions");
        gets.put("getPermitCompliance", "/regulator/v1/permits/" + permitNo + "/compliance");
        gets.put("searchPermits", "/regulator/v1/permits?" + window);
        gets.put("getStatistics", "/regulator/v1/statistics?" + window);
        gets.put("getRandomInspection", "/regulator/v1/inspections/" + inspectionId);
        boolean permitSpecific;
        for (var caller : callers().entrySet()) {
            for (var op : gets.entrySet()) {
                HttpResponse<String> answer = get(op.getValue(), caller.getValue());
                permitSpecific = op.getKey().startsWith("getPermit") || op.getKey().equals("getRandomInspection");
                int expected = switch (caller.getKey()) {
                    case "none" -> 401;
                    case "enterprise", "contractor", "regulator-without-scope" -> 403;
                    case "regulator-foreign" -> permitSpecific ? 404 : 200;
                    default -> 200;
                };
                assertThat(answer.statusCode()).as("%s × %s: %s", caller.getKey(), op.getKey(), answer.body())
                        .isEqualTo(expected);
                if (!"getPermitEvidence".equals(op.getKey())) {
                    assertKeepsContract("GET", op.getValue(), answer);
                }
                if (caller.getKey().equals("regulator-foreign")) {
                    assertNoLeak(op.getKey(), op.getValue(), answer);
                }
            }
            HttpResponse<String> drawn = post("/regulator/v1/inspections", caller.getValue(), "{\"target\":\"PERMITS\","
                    + "\"sampleSize\":50,\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\"}", null);
            int expected = switch (caller.getKey()) {
                case "none" -> 401;
                case "enterprise", "contractor", "regulator-without-scope" -> 403;
                default -> 201;
            };
            assertThat(drawn.statusCode()).as("%s × createRandomInspection", caller.getKey()).isEqualTo(expected);
            if (caller.getKey().equals("regulator-foreign")) {
                assertThat(drawn.body()).doesNotContain(permitNo);
            }
            if (!caller.getKey().startsWith("regulator-own") && !caller.getKey().equals("admin")
                    && !caller.getKey().equals("regulator-foreign")) {
                HttpResponse<String> feed = get("/regulator/v1/feed", caller.getValue());
                assertThat(feed.statusCode()).as("%s × streamFeed", caller.getKey())
                        .isEqualTo(caller.getKey().equals("none") ? 401 : 403);
            }
        }
    }

    /** A foreign permit or draw answers byte for byte like one that does not exist; lists omit it. */
    private void assertNoLeak(String operation, String path, HttpResponse<String> answer) {
        if (answer.statusCode() == 404) {
            String missingPath = path.replace(permitNo, "DH-NO-SUCH-PERMIT")
                    .replace(inspectionId, "00000000-0000-0000-0000-000000000000");
            HttpResponse<String> missing = get(missingPath, regulatorToken("330100"));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(json(answer).get("code")).isEqualTo(json(missing).get("code"));
            assertThat(answer.body().replace(permitNo, "X").replace(inspectionId, "X"))
                    .isEqualTo(missing.body().replace("DH-NO-SUCH-PERMIT", "X")
                            .replace("00000000-0000-0000-0000-000000000000", "X"));
        } else {
            assertThat(answer.body()).as(operation).doesNotContain(permitNo).doesNotContain(ENTERPRISE);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
