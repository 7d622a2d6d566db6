package org.permithub.hub.mes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.permithub.connectors.mes.IsolationStatus;
import org.permithub.core.access.Role;
import org.permithub.hub.govplatform.ConnectorTestData;
import org.permithub.hub.security.TokenIssuer;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** MES feeds the isolation rule: START waits until every declared point is VERIFIED (GB 30871-2022 §4.2b). */
class MesIsolationGatingTest extends HubTestSupport {

    @Value("${permit-hub.simulators.mes.url}")
    String mesUrl;

    @Autowired
    IsolationStore isolation;

    private static String point(String id, String state, int version, String extra) {
        return """
                {"隔离点编号":"%s","隔离方式":"加盲板","状态":"%s","版本":%d,"更新时间":"2026-11-29 08:40:00",
                 "上锁人":"张伟","锁具编号":"LK-%s"%s}""".formatted(id, state, version, id, extra);
    }

    @Test
    void startWaitsUntilMesReportsEveryPointVerified() {
        String token = enterpriseToken(ENTERPRISE);
        String permitNo = newPermitNo();
        URI uri = URI.create(mesUrl);
        WireMock mes = new WireMock(uri.getHost(), uri.getPort());
        var stub = mes.register(WireMock.get(urlPathEqualTo("/api/mes/v1/work-tickets/" + permitNo + "/isolation-points"))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":0,\"message\":\"成功\",\"data\":{\"作业票号\":\"" + permitNo + "\",\"隔离点\":["
                                + point("IP-1", "已确认", 3, ",\"验证人\":\"李强\"") + ","
                                + point("IP-2", "已上锁", 2, "") + "]}}")));
        try {
            String application = hotWorkApplication(permitNo, ENTERPRISE)
                    .replace("\"details\":{\"outdoor\":true}", "\"details\":{\"outdoor\":true,\"isolationPoints\":[\"IP-1\",\"IP-2\"]}");
            assertThat(post("/api/v1/permits", token, application, UUID.randomUUID().toString()).statusCode())
                    .isEqualTo(201);
            // the periodic pull brings MES's view of the permit's points
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> isolation.status(permitNo, "IP-2").isPresent());
            assertThat(isolation.status(permitNo, "IP-1")).contains(IsolationStatus.VERIFIED);
            assertThat(isolation.status(permitNo, "IP-2")).contains(IsolationStatus.LOCKED);

            assertThat(action(permitNo, token, "APPROVE", ConnectorTestData.approval()).statusCode()).isEqualTo(200);
            assertThat(action(permitNo, token, "GAS_TEST", ConnectorTestData.gasTest()).statusCode()).isEqualTo(200);
            var refused = action(permitNo, token, "START", "{}");
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(json(refused).get("code").asText()).isEqualTo("ISOLATION_NOT_IN_PLACE");
            assertThat(refused.body()).contains("IP-2").doesNotContain("IP-1 is");

            // MES pushes the verification of IP-2
            String mesToken = tokens.issue(TokenIssuer.Grant.of(Role.ADMIN, "mes-system").scopes(List.of("connectors:write")));
            String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"作业票号\":\"" + permitNo + "\",\"隔离点\":["
                    + point("IP-2", "已确认", 3, ",\"验证人\":\"李强\",\"验证方式\":\"试启动无动作\"") + "]}";
            assertThat(post("/connectors/v1/mes/isolation-events", adminToken(), event, null).statusCode())
                    .as("the admin scope alone is not enough").isEqualTo(403);
            var pushed = post("/connectors/v1/mes/isolation-events", mesToken, event, null);
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            assertThat(json(pushed).get("applied").asInt()).isEqualTo(1);

            var started = action(permitNo, token, "START", "{}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            assertThat(json(started).get("state").asText()).isEqualTo("ACTIVE");

            // the older pulled version does not undo the verification; a backwards move is refused
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> isolation.status(permitNo, "IP-2").orElseThrow() == IsolationStatus.VERIFIED);
            var backwards = post("/connectors/v1/mes/isolation-events", mesToken,
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"作业票号\":\"" + permitNo + "\",\"隔离点\":["
                            + point("IP-1", "已上锁", 9, "") + "]}", null);
            assertThat(json(backwards).get("refused").get(0).asText()).contains("cannot go from VERIFIED back to LOCKED");
            assertThat(isolation.evidence(permitNo, "IP-2")).hasSize(2)
                    .anySatisfy(e -> assertThat(e).startsWith("VERIFIED").contains("李强"));
        } finally {
            mes.removeStubMapping(stub);
        }
    }
}
