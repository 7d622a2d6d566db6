package org.permithub.hub.deadletter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The shared connector guard, through the notification connector against its WireMock
 * simulator: answers delivered; a failing system retried, then the breaker opens, parked calls
 * reach PostgreSQL and Kafka connector.dlq with the reason, the state shows in health and
 * metrics, and a replay after recovery delivers each parked call once.
 */
class ConnectorGuardTest extends HubTestSupport {

    private static final String WEBHOOK = "/hooks/site-managers";

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Value("${permit-hub.simulators.notification.url}")
    String simulatorUrl;

    WireMock simulator;
    CircuitBreaker breaker;
    final List<StubMapping> faults = new ArrayList<>();

    @BeforeEach
    void connectSimulator() {
        URI uri = URI.create(simulatorUrl);
        simulator = new WireMock(uri.getHost(), uri.getPort());
        breaker = breakers.circuitBreaker("notification");
        breaker.reset();
    }

    @AfterEach
    void healSimulator() {
        faults.forEach(simulator::removeStubMapping);
        breaker.reset();
    }

    @Test
    void aNotificationReachesTheWebhookThroughTheBreaker() {
        String marker = UUID.randomUUID().toString();

        producer.sendBody("direct:notify-managers", "{\"marker\":\"" + marker + "\",\"text\":\"受限空间气体超限\"}");

        simulator.verifyThat(1, postRequestedFor(urlPathEqualTo(WEBHOOK))
                .withRequestBody(matchingJsonPath("$.marker", equalTo(marker))));
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void aBusinessRejectionIsAnAnswerAndNeverTripsTheBreaker() {
        faults.add(simulator.register(WireMock.post(urlPathEqualTo(WEBHOOK)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"errcode\":40001,\"errmsg\":\"no such group\"}"))));

        for (int i = 0; i < 8; i++) {
            producer.sendBody("direct:notify-managers", "{\"n\":" + i + "}");
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from connector_dead_letters where body like '{\"n\":%'",
                Integer.class)).isZero();
    }

    @Test
    void aDownSystemOpensTheBreakerParksEveryCallAndAReplayDeliversEachOnce() throws Exception {
        faults.add(simulator.register(WireMock.post(urlPathEqualTo(WEBHOOK)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30"))));
        String batch = UUID.randomUUID().toString();
        int calls = 6;

        try (var dlq = new KafkaTestConsumer(kafkaBootstrap, "connector.dlq")) {
            for (int i = 0; i < calls; i++) {
                producer.sendBody("direct:notify-managers", "{\"batch\":\"" + batch + "\",\"n\":" + i + "}");
            }

            // retried, then the breaker opened and the rest failed fast; every call parked
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            List<ConsumerRecord<String, String>> parked = dlq.awaitRecords(
                    r -> r.value().contains(batch), calls, Duration.ofSeconds(20));
            JsonNode first = JSON.readTree(parked.get(0).value());
            assertThat(first.path("type").asText()).isEqualTo("permit-hub.connector.dead-letter");
            assertThat(first.path("data").path("connector").asText()).isEqualTo("notify-managers");
            assertThat(parked).extracting(r -> JSON.readTree(r.value()).path("data").path("reason").asText())
                    .anyMatch(reason -> reason.contains("HTTP 503") && reason.contains("Retry-After 30"))
                    .anyMatch(reason -> reason.contains("CallNotPermittedException"));
        }

        HttpResponseAssert.health(get("/actuator/health", null)).hasBreaker("notification", "OPEN");
        String metrics = get("/actuator/prometheus", adminToken()).body();
        assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"notification\",state=\"open\"} 1.0");

        List<String> ids = jdbc.queryForList("select id::text from connector_dead_letters where body like ?"
                + " and replayed_at is null order by failed_at", String.class, "%" + batch + "%");
        assertThat(ids).hasSize(calls);
        JsonNode listed = json(get("/admin/v1/dlq?connector=notify-managers", adminToken()));
        assertThat(listed.path("items").findValuesAsText("id")).containsAll(ids);

        // the system is back: each parked call goes out once more on replay (the journal also
        // holds the attempts the simulator failed, so count what the replay adds)
        faults.forEach(simulator::removeStubMapping);
        faults.clear();
        breaker.transitionToClosedState();
        int[] before = new int[calls];
        for (int i = 0; i < calls; i++) {
            before[i] = requestsWithBody(batch, i);
        }
        for (String id : ids) {
            var replay = post("/admin/v1/dlq/" + id + ":replay", adminToken(), "", null);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < calls; i++) {
                assertThat(requestsWithBody(batch, i)).as("call %d", i).isEqualTo(before[i] + 1);
            }
        });
        assertThat(jdbc.queryForObject("select count(*) from connector_dead_letters where body like ?"
                + " and replayed_at is null", Integer.class, "%" + batch + "%")).isZero();

        var again = post("/admin/v1/dlq/" + ids.get(0) + ":replay", adminToken(), "", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("code").asText()).isEqualTo("DEAD_LETTER_ALREADY_REPLAYED");
        var unknown = post("/admin/v1/dlq/" + UUID.randomUUID() + ":replay", adminToken(), "", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(post("/admin/v1/dlq/" + ids.get(0) + ":replay", regulatorToken("3706"), "", null).statusCode())
                .isEqualTo(403);
    }

    private int requestsWithBody(String batch, int n) {
        return simulator.find(postRequestedFor(urlPathEqualTo(WEBHOOK))
                .withRequestBody(equalTo("{\"batch\":\"" + batch + "\",\"n\":" + n + "}"))).size();
    }

    /** Reads a connector's breaker state out of {@code /actuator/health}. */
    record HttpResponseAssert(JsonNode health) {
        static HttpResponseAssert health(java.net.http.HttpResponse<String> response) {
            return new HttpResponseAssert(json(response));
        }

        void hasBreaker(String name, String state) {
            assertThat(health.path("components").path("circuitBreakers").path("details").path(name)
                    .path("details").path("state").asText()).as(health.toString()).isEqualTo(state);
        }
    }
}
