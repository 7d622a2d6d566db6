package org.permithub.hub.mes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.permithub.connectors.mes.IsolationStatus;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** MES failing: the permit's isolation points are pulled again round after round until MES answers. */
class MesFaultTest extends HubTestSupport {

    @Value("${permit-hub.simulators.mes.url}")
    String mesUrl;

    @Autowired
    IsolationStore isolation;

    @ParameterizedTest
    @ValueSource(strings = {"http-500", "http-429", "delay-5s", "connection-reset", "malformed-body"})
    void theIsolationStateArrivesOnceMesAnswersAgain(String fault) {
        URI uri = URI.create(mesUrl);
        WireMock mes = new WireMock(uri.getHost(), uri.getPort());
        String permitNo = newPermitNo();
        String path = "/api/mes/v1/work-tickets/" + permitNo + "/isolation-points";
        ResponseDefinitionBuilder failing = switch (fault) {
            case "http-500" -> aResponse().withStatus(500);
            case "http-429" -> aResponse().withStatus(429).withHeader("Retry-After", "1");
            case "delay-5s" -> good(permitNo).withFixedDelay(5000);
            case "connection-reset" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            default -> aResponse().withStatus(200).withBody("{\"code\":0,\"data\":{\"隔离点\":[{\"隔离点编号\":");
        };
        var failingStub = mes.register(WireMock.get(urlPathEqualTo(path)).atPriority(1).willReturn(failing));
        try {
            String application = hotWorkApplication(permitNo, ENTERPRISE).replace("\"details\":{\"outdoor\":true}",
                    "\"details\":{\"outdoor\":true,\"isolationPoints\":[\"IP-7\"]}");
            assertThat(post("/api/v1/permits", enterpriseToken(ENTERPRISE), application, UUID.randomUUID().toString())
                    .statusCode()).isEqualTo(201);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mes.getServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals(path)).count() >= 2);
            assertThat(isolation.status(permitNo, "IP-7")).isEmpty();
            assertThat(get("/regulator/v1/permits/" + permitNo, regulatorToken("370600")).statusCode()).isEqualTo(200);
        } finally {
            mes.removeStubMapping(failingStub);
        }
        var goodStub = mes.register(WireMock.get(urlPathEqualTo(path)).atPriority(1).willReturn(good(permitNo)));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> isolation.status(permitNo, "IP-7").isPresent());
            assertThat(isolation.status(permitNo, "IP-7")).contains(IsolationStatus.LOCKED);
        } finally {
            mes.removeStubMapping(goodStub);
        }
    }

    private static ResponseDefinitionBuilder good(String permitNo) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"code":0,"message":"成功","data":{"作业票号":"%s","隔离点":[{"隔离点编号":"IP-7","状态":"已上锁","版本":1,
                 "更新时间":"2026-11-29 08:40:00","上锁人":"张伟","锁具编号":"LK-7"}]}}""".formatted(permitNo));
    }
}
