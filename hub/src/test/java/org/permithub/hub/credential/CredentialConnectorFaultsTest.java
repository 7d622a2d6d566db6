package org.permithub.hub.credential;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.hub.credential.CredentialFixtures.idNumber;
import static org.permithub.hub.credential.CredentialFixtures.workerId;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.permithub.connectors.certificate.CertificateVerificationApi;
import org.permithub.connectors.insurance.SocialInsuranceApi;
import org.permithub.hub.standalone.StandaloneServers;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Faults injected into the certificate and social-insurance simulators (WireMock): HTTP 500, 429 with
 * Retry-After, a 5 s delay, a reset connection, a malformed body. The worker stays PENDING (and
 * cannot START), the check is tried again later, nothing is lost; a service that keeps failing opens
 * its breaker while every API still answers at once; business rejections never trip it.
 */
class CredentialConnectorFaultsTest extends HubTestSupport {

    private static final String CONTRACTOR = "C-FAULT-1";

    @Autowired
    StandaloneServers servers;
    @Autowired
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers;
    @Autowired
    VerificationServices services;
    @Autowired
    ProducerTemplate camel;

    private final List<StubMapping> injected = new ArrayList<>();

    private WireMockServer simulator(String system) {
        return servers.simulators().get(system).wireMock();
    }

    @AfterEach
    void removeFaults() {
        injected.forEach(stub -> {
            simulator("certificate").removeStub(stub);
            simulator("social-insurance").removeStub(stub);
        });
        injected.clear();
        breakers.circuitBreaker(CertificateVerificationApi.SYSTEM).reset();
        breakers.circuitBreaker(SocialInsuranceApi.SYSTEM).reset();
        services.clearCache();
    }

    private void inject(String system, String path, String bodyContains, ResponseDefinitionBuilder fault) {
        var request = WireMock.post(urlEqualTo(path)).atPriority(0);
        if (bodyContains != null) {
            request = request.withRequestBody(containing(bodyContains));
        }
        injected.add(simulator(system).stubFor(request.willReturn(fault)));
    }

    private void clearFaults() {
        injected.forEach(stub -> {
            simulator("certificate").removeStub(stub);
            simulator("social-insurance").removeStub(stub);
        });
        injected.clear();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("HTTP 500", aResponse().withStatus(500).withBody("{\"code\":\"500\",\"msg\":\"系统繁忙\"}")),
                Arguments.of("429 Retry-After", aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"code\":\"429\",\"msg\":\"请求过于频繁\"}")),
                Arguments.of("5 s delay", aResponse().withStatus(200).withFixedDelay(5000)
                        .withBody("{\"code\":\"200\",\"data\":null}")),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("malformed body", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"200\",\"data\":{\"初领日期\":")));
    }

    private JsonNode verification(String worker) {
        var r = get("/partner/v1/workers/" + worker + "/verification", contractorToken(CONTRACTOR));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void a_fault_leaves_the_worker_pending_unable_to_start_and_the_check_is_retried_until_it_answers(String name,
            ResponseDefinitionBuilder fault) {
        String worker = workerId();
        String id = idNumber(CredentialFixtures.VALID);
        // the certificate service fails for this worker only; the insurance service too for the 500 case
        inject("certificate", CertificateVerificationApi.PATH, id, fault);
        camel.requestBody("direct:credential-intake",
                CredentialFixtures.submission(CONTRACTOR, worker, "孙立", id), String.class);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode v = verification(worker);
            assertThat(v.get("status").asText()).isEqualTo("PENDING");
            assertThat(v.get("lastError").asText()).as(v.toString()).startsWith("certificate");
            assertThat(v.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        });
        String permitNo = permitWith(worker);
        var refused = action(permitNo, enterpriseToken(ENTERPRISE), "START", "{}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("INSURANCE_UNVERIFIED").contains("CERTIFICATE_MISSING");

        clearFaults();
        breakers.circuitBreaker(CertificateVerificationApi.SYSTEM).reset();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(verification(worker).get("status").asText()).isEqualTo("VALID"));
        var started = action(permitNo, enterpriseToken(ENTERPRISE), "START", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("downs")
    void a_service_that_stays_down_opens_its_breaker_the_apis_still_answer_and_nothing_is_lost(String name,
            ResponseDefinitionBuilder fault) throws Exception {
        inject("social-insurance", SocialInsuranceApi.PATH, null, fault);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String contractor = "C-DOWN-" + run;
        StringBuilder bulk = new StringBuilder("{\"workers\":[");
        List<String> workers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String worker = workerId();
            workers.add(worker);
            bulk.append(i == 0 ? "" : ",").append(CredentialFixtures.welder("工人" + run + "-" + i, idNumber(CredentialFixtures.VALID))
                    .replaceFirst("\\{", "{\"workerId\":\"" + worker + "\","));
        }
        var accepted = post("/partner/v1/workers/bulk", contractorToken(contractor), bulk.append("]}").toString(), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                breakers.circuitBreaker(SocialInsuranceApi.SYSTEM).getState() == CircuitBreaker.State.OPEN);
        // while it is down: request threads are free, the partner and regulator APIs answer at once
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            var list = get("/partner/v1/workers?limit=5", contractorToken(contractor));
            var regulator = get("/regulator/v1/permits/NO-SUCH-PERMIT", regulatorToken("370600"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(regulator.statusCode()).isEqualTo(404);
            // far below the 5 s the service takes or the 1 s call timeout: no request waits for a connector
            assertThat(ms).as("two API calls while the insurance service is down").isLessThan(2500);
        }
        // the connector guard's metrics and health show it
        // (it may already be half-open again: its open state lasts 2 s here)
        assertThat(get("/actuator/prometheus", adminToken()).body())
                .contains("resilience4j_circuitbreaker_state{name=\"social-insurance\",state=\"open\"}")
                .contains("resilience4j_circuitbreaker_calls_seconds_count{kind=\"failed\",name=\"social-insurance\"}");
        assertThat(json(get("/actuator/health", null)).at("/components/circuitBreakers/details/social-insurance/details/state")
                .asText()).isIn("OPEN", "HALF_OPEN");
        // the open breaker spares the service: fewer calls reached it than checks were tried
        int calls = simulator("social-insurance").findAll(postRequestedFor(urlEqualTo(SocialInsuranceApi.PATH))
                .withRequestBody(containing("工人" + run))).size();
        Integer attempts = jdbc.queryForObject("select sum(attempts) from credential_workers where contractor_id = ?",
                Integer.class, contractor);
        assertThat(calls).isLessThan(attempts);
        assertThat(jdbc.queryForObject("select count(*) from credential_workers where contractor_id = ? and status = 'PENDING'",
                Integer.class, contractor)).isEqualTo(30);

        clearFaults();
        Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from credential_workers where contractor_id = ? and status = 'VALID'", Integer.class,
                contractor)).isEqualTo(30));
        assertThat(breakers.circuitBreaker(SocialInsuranceApi.SYSTEM).getState()).isNotEqualTo(CircuitBreaker.State.OPEN);
    }

    static Stream<Arguments> downs() {
        return Stream.of(
                Arguments.of("HTTP 503", aResponse().withStatus(503)),
                Arguments.of("5 s delay", aResponse().withStatus(200).withFixedDelay(5000)));
    }

    @Test
    void business_rejections_never_trip_the_breaker() {
        breakers.circuitBreaker(CertificateVerificationApi.SYSTEM).reset();
        List<String> workers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String worker = workerId();
            workers.add(worker);
            camel.requestBody("direct:credential-intake", CredentialFixtures.submission(CONTRACTOR, worker, "假证" + i,
                    idNumber(CredentialFixtures.FAKE_CERTIFICATE)), String.class);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from credential_workers where worker_id = any(?) and status = 'INVALID'", Integer.class,
                (Object) workers.toArray(String[]::new))).isEqualTo(15));
        var breaker = breakers.circuitBreaker(CertificateVerificationApi.SYSTEM);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        // every "未查询到" was recorded as a successful call
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isGreaterThanOrEqualTo(15);
        assertThat(jdbc.queryForObject("select count(*) from credential_workers where worker_id = any(?)"
                + " and reasons::text like '%CERTIFICATE_NOT_FOUND%'", Integer.class,
                (Object) workers.toArray(String[]::new))).isEqualTo(15);
    }

    private String permitWith(String worker) {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        var applied = post("/api/v1/permits", token,
                hotWorkApplication(permitNo, ENTERPRISE).replace("\"w-1001\"", "\"" + worker + "\""),
                UUID.randomUUID().toString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(action(permitNo, token, "APPROVE", CredentialFixtures.approval()).statusCode()).isEqualTo(200);
        assertThat(action(permitNo, token, "GAS_TEST", CredentialFixtures.gasTest()).statusCode()).isEqualTo(200);
        return permitNo;
    }
}
