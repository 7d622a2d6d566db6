package org.permithub.hub.erp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.permithub.core.access.Role;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.hub.security.TokenIssuer;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The ERP connector against its simulator: change detection, change events, faults. */
class ErpSyncTest extends HubTestSupport {

    @Value("${permit-hub.simulators.erp.url}")
    String erpUrl;

    @Autowired
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers;

    WireMock erp;
    final List<StubMapping> stubs = new ArrayList<>();

    @BeforeEach
    void erpClient() {
        URI uri = URI.create(erpUrl);
        erp = new WireMock(uri.getHost(), uri.getPort());
    }

    @AfterEach
    void erpDefault() {
        stubs.forEach(erp::removeStubMapping);
        stubs.clear();
    }

    private void answer(String resource, ResponseDefinitionBuilder response) {
        stubs.add(erp.register(WireMock.get(urlPathEqualTo("/api/erp/v1/" + resource)).atPriority(1)
                .willReturn(response)));
    }

    private static ResponseDefinitionBuilder rows(String rowsJson) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"0\",\"msg\":\"成功\",\"data\":{\"rows\":[" + rowsJson + "]}}");
    }

    private static String employee(String no, String department) {
        return "{\"员工编号\":\"" + no + "\",\"姓名\":\"赵磊\",\"身份证号\":\"370602198203151237\",\"部门\":\"" + department
                + "\",\"岗位\":\"电焊工\",\"成本中心\":\"CC-3100\",\"在职状态\":\"在职\"}";
    }

    private Map<String, Object> employeeRow(String no) {
        return jdbc.queryForMap("select version, updated_at, department, id_card_masked, record::text as record"
                + " from erp_employees where employee_no = ?", no);
    }

    private int employees(String prefix) {
        return jdbc.queryForObject("select count(*) from erp_employees where employee_no like ?", Integer.class,
                prefix + "%");
    }

    @Test
    void aSecondPullWithOneChangeAppliesOneChange() {
        String p = "T" + UUID.randomUUID().toString().substring(0, 6) + "-";
        String badContractor = "{\"员工编号\":\"" + p + "4\",\"姓名\":\"钱七\",\"所属单位统一社会信用代码\":\"91370600MA3D2K7Q10\"}";
        answer("employees", rows(String.join(",", employee(p + "1", "三车间"), employee(p + "2", "三车间"),
                employee(p + "3", "三车间"), badContractor)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> employees(p) == 3);
        var first = employeeRow(p + "1");
        assertThat(first.get("version")).isEqualTo(1L);
        // the ID-card number is kept masked and hashed, never in clear
        assertThat(first.get("id_card_masked")).isEqualTo("370602********1237");
        assertThat((String) first.get("record")).doesNotContain("370602198203151237");

        erpDefault();
        answer("employees", rows(String.join(",", employee(p + "1", "三车间"), employee(p + "2", "检维修车间"),
                employee(p + "3", "三车间"))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> (Long) employeeRow(p + "2").get("version") == 2L);
        // further pulls (every 500 ms) find nothing else to change
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> (Long) employeeRow(p + "1").get("version") == 1L);
        assertThat(employeeRow(p + "2").get("department")).isEqualTo("检维修车间");
        assertThat(employeeRow(p + "2").get("version")).isEqualTo(2L);
        assertThat(employeeRow(p + "1").get("version")).isEqualTo(1L);
        assertThat(employeeRow(p + "1").get("updated_at")).isEqualTo(first.get("updated_at"));
        assertThat(employeeRow(p + "3").get("version")).isEqualTo(1L);
        assertThat(employees(p + "4")).as("invalid 统一社会信用代码 refused").isZero();
    }

    @Test
    void aChangeEventAppliesOnceAndOnlyWhenSomethingChanged() {
        String token = tokens.issue(TokenIssuer.Grant.of(Role.ADMIN, "erp-system").scopes(List.of("connectors:write")));
        String code = CreditCode.withCheckCharacter("91370602MA3E" + UUID.randomUUID().toString().substring(0, 5)
                .toUpperCase().replaceAll("[^0-9A-H]", "1"));
        String event = """
                {"eventId":"%s","entity":"CONTRACTOR","operation":"UPSERT",
                 "record":{"统一社会信用代码":"%s","单位名称":"烟台安泰检修有限公司","资质等级":"三级","状态":"合格"}}""";
        String eventId = UUID.randomUUID().toString();
        var applied = post("/connectors/v1/erp/change-events", token, event.formatted(eventId, code), null);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json(applied).get("applied").asInt()).isEqualTo(1);

        var repeat = post("/connectors/v1/erp/change-events", token, event.formatted(eventId, code), null);
        assertThat(json(repeat).get("repeat").asBoolean()).isTrue();
        var same = post("/connectors/v1/erp/change-events", token, event.formatted(UUID.randomUUID(), code), null);
        assertThat(json(same).get("unchanged").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select version from erp_contractors where credit_code = ?", Long.class, code))
                .isEqualTo(1L);

        var deleted = post("/connectors/v1/erp/change-events", token, event.formatted(UUID.randomUUID(), code)
                .replace("UPSERT", "DELETE"), null);
        assertThat(json(deleted).get("applied").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select deleted from erp_contractors where credit_code = ?", Boolean.class, code))
                .isTrue();

        var invalid = post("/connectors/v1/erp/change-events", token,
                event.formatted(UUID.randomUUID(), "91370602MA3E000000"), null);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid).get("code").asText()).isEqualTo("ERP_RECORD_INVALID");
        assertThat(post("/connectors/v1/erp/change-events", enterpriseToken(ENTERPRISE),
                event.formatted(UUID.randomUUID(), code), null).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-500", "http-429", "delay-5s", "connection-reset", "malformed-body"})
    void whileTheErpFailsTheBreakerOpensTheApiAnswersAndTheChangeArrivesAfterwards(String fault) {
        String code = CreditCode.withCheckCharacter("91370602MA3F" + Integer.toString(Math.abs(fault.hashCode()) % 90000 + 10000));
        String newContractor = "{\"统一社会信用代码\":\"" + code + "\",\"单位名称\":\"故障后新增承包商\",\"状态\":\"合格\"}";
        ResponseDefinitionBuilder failing = switch (fault) {
            case "http-500" -> aResponse().withStatus(500).withBody("Internal Server Error");
            case "http-429" -> aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("too many requests");
            case "delay-5s" -> rows(newContractor).withFixedDelay(5000);
            case "connection-reset" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            default -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"0\",\"data\":{\"rows\":[{\"统一社会信用代码\":");
        };
        answer("contractors", failing);
        if (fault.equals("malformed-body")) {
            // read and refused round after round (the breaker guards the call, not the parsing)
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> erp.getServeEvents().stream().filter(e -> e.getRequest().getUrl().endsWith("/contractors"))
                            .filter(e -> e.getResponse().getBodyAsString().endsWith("\"统一社会信用代码\":")).count() >= 3);
        } else {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "OPEN".equals(breakerState()));
        }
        // the hub's own APIs still answer at once while the ERP is failing
        long started = System.nanoTime();
        var api = get("/regulator/v1/permits/NO-SUCH-PERMIT", regulatorToken("370600"));
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(jdbc.queryForObject("select count(*) from erp_contractors where credit_code = ?", Integer.class, code))
                .isZero();

        erpDefault();
        answer("contractors", rows(newContractor));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from erp_contractors where credit_code = ?", Integer.class, code) == 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(breakerState()));
    }

    /** The state of the contractors view's circuit breaker (the Resilience4j registry's instance). */
    private String breakerState() {
        return breakers.circuitBreaker("erp-contractors").getState().name();
    }
}
