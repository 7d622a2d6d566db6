package org.permithub.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.permithub.core.access.Role;
import org.permithub.core.enterprise.CreditCode;
import org.permithub.hub.PermitHubApplication;
import org.permithub.hub.security.TokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one Spring context every hub integration test shares: the hub in standalone mode with real
 * embedded PostgreSQL, Kafka, MQTT and simulators on random ports, started once per test JVM.
 * Keep the annotation's properties identical in every test, or Spring starts a second hub.
 */
@SpringBootTest(classes = PermitHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "permit-hub.mode=standalone",
            "permit-hub.data-dir=target/test-hub-data",
            "permit-hub.routes-dir=../routes",
            "permit-hub.standalone.postgres-port=0",
            "permit-hub.standalone.kafka-port=0",
            "permit-hub.standalone.mqtt-port=0",
            "permit-hub.ledger.batch-max-wait=200ms",
            "permit-hub.expiry.check-interval=1s",
            "permit-hub.gateway.rate-limit.requests-per-second=1000",
            "permit-hub.gateway.rate-limit.per-subject.rate-probe=3",
            // @SpringBootTest turns metrics export off; route metrics are checked at /actuator/prometheus
            "management.prometheus.metrics.export.enabled=true",
            // a second folder of route files, one of them rejected (RouteAdminApiTest)
            "permit-hub.routes.extra-dir=src/test/resources/extra-routes",
            // connectors: the connector clock runs 720x (an hour in 5 s), breakers recover quickly
            "permit-hub.connectors.gov-platform.clock-speed=720",
            "permit-hub.connectors.gov-platform.breaker-open-wait=300ms",
            "permit-hub.connectors.erp.pull-interval=500",
            "permit-hub.connectors.erp.breaker-open-seconds=1",
            "permit-hub.connectors.erp.timeout-millis=2000",
            "permit-hub.connectors.mes.poll-interval=500",
            "permit-hub.connectors.mes.breaker-open-seconds=1",
            "permit-hub.connectors.gov-platform.timeout-millis=2000",
            "permit-hub.connectors.mes.timeout-millis=2000",
            // connector retries and breakers on a test's time scale
            "permit-hub.connectors.retry.initial-delay-ms=20",
            "permit-hub.connectors.retry.max-redeliveries=2",
            "permit-hub.connectors.retry.max-delay-ms=200",
            // generous: a timed-out call that reached the simulator would be delivered twice
            "permit-hub.connectors.notification.timeout-ms=15000",
            "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=60s",
            "permit-hub.credentials.poll-interval=200ms",
            "permit-hub.credentials.retry.initial=300ms",
            "permit-hub.credentials.retry.max=2s",
            "resilience4j.circuitbreaker.instances.certificate.wait-duration-in-open-state=2s",
            "resilience4j.circuitbreaker.instances.social-insurance.wait-duration-in-open-state=2s",
            "permit-hub.credentials.response-timeout-ms=1000",
            "permit-hub.credentials.contractor-pull.period=2000"
        })
public abstract class HubTestSupport {

    /** Yantai (3706) enterprise used by most tests. */
    public static final String ENTERPRISE = CreditCode.withCheckCharacter("91370602MA3C00001");
    /** An enterprise in Hangzhou (3301), outside a Yantai supervisor's jurisdiction. */
    public static final String OTHER_ENTERPRISE = CreditCode.withCheckCharacter("91330106MA2B00002");

    static {
        TestDataDir.wipeOnce("target/test-hub-data");
    }

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    protected TokenIssuer tokens;

    @Autowired
    protected JdbcTemplate jdbc;

    @Value("${permit-hub.kafka.bootstrap-servers}")
    protected String kafkaBootstrap;

    protected String enterpriseToken(String creditCode) {
        return tokens.issue(TokenIssuer.Grant.of(Role.ENTERPRISE, "permit-app-" + creditCode).enterprise(creditCode));
    }

    protected String regulatorToken(String jurisdiction) {
        return tokens.issue(TokenIssuer.Grant.of(Role.REGULATOR, "supervisor-" + jurisdiction).jurisdiction(jurisdiction));
    }

    protected static String newPermitNo() {
        return "DH-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /**
     * A valid 二级 hot-work application at the test site, from five minutes ago for four hours: it
     * can be approved, gas-tested and started at once. The test site's clock is set so that this
     * window is daytime on a working day, whatever time the tests run (see {@link TestSite}).
     */
    protected static String hotWorkApplication(String permitNo, String enterpriseCode) {
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"permitNo":"%s","enterpriseCode":"%s","siteId":"%s","workType":"HOT_WORK",
                 "grade":"GRADE_2","location":{"zoneId":"%s","lat":37.5393,"lon":121.3914},
                 "content":"replace flange gasket on line P-101","plannedStart":"%s","plannedEnd":"%s",
                 "workers":["w-1001","w-1002"],"guardianId":"g-2001","details":{"outdoor":true}}"""
                .formatted(permitNo, enterpriseCode, TestSite.SITE, TestSite.ZONE, start,
                        start.plus(4, ChronoUnit.HOURS));
    }

    /** The test site exists with a fresh wind reading before every test. */
    @org.junit.jupiter.api.BeforeEach
    void testSiteReady() {
        TestSite.ensure(this);
    }

    /** A contractor's partner-API token (role contractor, scope partner:write, claim contractor). */
    protected String contractorToken(String contractorId) {
        return tokens.issue(TokenIssuer.Grant.of(Role.CONTRACTOR, "contractor-app-" + contractorId).contractor(contractorId));
    }

    protected String adminToken() {
        return tokens.issue(TokenIssuer.Grant.of(Role.ADMIN, "test-admin"));
    }

    protected HttpResponse<String> put(String path, String token, String body) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    /** {@code PUT /admin/v1/routes/{id}} with a route file, as an admin (a replace may wait for a Kafka hand-over). */
    protected HttpResponse<String> deployRoute(String id, String yaml) {
        var request = HttpRequest.newBuilder(uri("/admin/v1/routes/" + id)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/yaml").header("Authorization", "Bearer " + adminToken())
                .PUT(HttpRequest.BodyPublishers.ofString(yaml));
        return send(request.build());
    }

    protected HttpResponse<String> post(String path, String token, String body, String idempotencyKey) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    protected HttpResponse<String> get(String path, String token) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    protected HttpResponse<String> action(String permitNo, String token, String type, String dataJson) {
        return post("/api/v1/permits/" + permitNo + "/actions", token,
                "{\"type\":\"" + type + "\",\"data\":" + dataJson + "}", UUID.randomUUID().toString());
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        }
    }
}
