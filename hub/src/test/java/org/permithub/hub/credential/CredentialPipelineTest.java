package org.permithub.hub.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permithub.hub.credential.CredentialFixtures.idNumber;
import static org.permithub.hub.credential.CredentialFixtures.workerId;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The credential sync pipeline end to end: partner push or direct:credential-intake → certificate
 * and insurance simulators → registry → credential.events (read by a real Kafka consumer) → START.
 */
class CredentialPipelineTest extends HubTestSupport {

    private static final String CONTRACTOR = "C-PIPE-1";

    @Autowired
    ProducerTemplate camel;

    private JsonNode awaitStatus(String workerId, String status) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var r = get("/partner/v1/workers/" + workerId + "/verification", contractorToken(CONTRACTOR));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            last[0] = json(r);
            assertThat(last[0].get("status").asText()).as(r.body()).isEqualTo(status);
        });
        return last[0];
    }

    private String startedPermitWith(String workerId) {
        String permitNo = newPermitNo();
        String application = hotWorkApplication(permitNo, ENTERPRISE).replace("\"w-1001\"", "\"" + workerId + "\"");
        String token = enterpriseToken(ENTERPRISE);
        var applied = post("/api/v1/permits", token, application, java.util.UUID.randomUUID().toString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(action(permitNo, token, "APPROVE", CredentialFixtures.approval()).statusCode()).isEqualTo(200);
        assertThat(action(permitNo, token, "GAS_TEST", CredentialFixtures.gasTest()).statusCode()).isEqualTo(200);
        return permitNo;
    }

    private HttpResponse<String> start(String permitNo) {
        return action(permitNo, enterpriseToken(ENTERPRISE), "START", "{}");
    }

    @Test
    void a_pushed_worker_is_checked_published_on_credential_events_and_may_start() throws Exception {
        String worker = workerId();
        String id = idNumber(CredentialFixtures.VALID);
        try (var consumer = new KafkaTestConsumer(kafkaBootstrap, "credential.events")) {
            var put = put("/partner/v1/workers/" + worker, contractorToken(CONTRACTOR),
                    CredentialFixtures.welder("王建国", id));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
            assertThat(json(put).get("status").asText()).isEqualTo("PENDING");

            var records = consumer.awaitRecords(r -> worker.equals(r.key()), 2, Duration.ofSeconds(30));
            JsonNode pending = data(records.get(0));
            JsonNode valid = data(records.get(1));
            assertThat(pending.get("status").asText()).isEqualTo("PENDING");
            assertThat(valid.get("status").asText()).isEqualTo("VALID");
            assertThat(valid.get("personId").asText()).isEqualTo(worker);
            assertThat(valid.get("contractorId").asText()).isEqualTo(CONTRACTOR);
            assertThat(LocalDate.parse(valid.get("validUntil").asText())).isAfter(LocalDate.now().plusDays(30));
            var event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                    .deserialize(records.get(1).value().getBytes(StandardCharsets.UTF_8));
            assertThat(event.getType()).isEqualTo("org.permithub.credential.status");
            assertThat(event.getSubject()).isEqualTo(worker);
            assertThat(event.getSource()).hasToString("/permit-hub/contractors/" + CONTRACTOR);
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(event.getTime()).isNotNull();
            assertThat(event.getId()).isNotEqualTo(EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                    .deserialize(records.get(0).value().getBytes(StandardCharsets.UTF_8)).getId());
            // no ID number on the bus
            records.forEach(r -> assertThat(r.value()).doesNotContain(id));
        }

        var started = start(startedPermitWith(worker));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void a_fake_certificate_or_no_insurance_makes_the_worker_invalid_and_start_is_refused() throws Exception {
        String fake = workerId();
        String uninsured = workerId();
        camel.requestBody("direct:credential-intake", CredentialFixtures.submission(CONTRACTOR, fake, "赵志强",
                idNumber(CredentialFixtures.FAKE_CERTIFICATE)), String.class);
        camel.requestBody("direct:credential-intake", CredentialFixtures.submission(CONTRACTOR, uninsured, "钱多多",
                idNumber(CredentialFixtures.NOT_INSURED)), String.class);

        JsonNode fakeStatus = awaitStatus(fake, "INVALID");
        assertThat(fakeStatus.get("reasons").toString()).contains("CERTIFICATE_NOT_FOUND");
        JsonNode uninsuredStatus = awaitStatus(uninsured, "INVALID");
        assertThat(uninsuredStatus.get("reasons").toString()).contains("INSURANCE_NOT_COVERED");

        var refusedFake = start(startedPermitWith(fake));
        assertThat(refusedFake.statusCode()).as(refusedFake.body()).isEqualTo(422);
        assertThat(refusedFake.body()).contains("CERTIFICATE_MISSING");
        var refusedUninsured = start(startedPermitWith(uninsured));
        assertThat(refusedUninsured.statusCode()).as(refusedUninsured.body()).isEqualTo(422);
        assertThat(refusedUninsured.body()).contains("INSURANCE_NOT_COVERED");
    }

    @Test
    void a_review_falling_due_within_30_days_makes_the_worker_expiring() {
        String worker = workerId();
        camel.requestBody("direct:credential-intake", CredentialFixtures.submission(CONTRACTOR, worker, "周敏",
                idNumber(CredentialFixtures.REVIEW_DUE_IN_20_DAYS)), String.class);

        JsonNode status = awaitStatus(worker, "EXPIRING");
        assertThat(status.get("reasons").toString()).contains("CERTIFICATE_REVIEW_DUE_SOON");
        LocalDate validUntil = LocalDate.parse(status.get("validUntil").asText());
        assertThat(validUntil).isBetween(LocalDate.now().plusDays(15), LocalDate.now().plusDays(30));
    }

    @Autowired
    CredentialReevaluation reevaluation;

    @Test
    void as_days_pass_a_valid_worker_gets_a_warning_30_days_before_and_is_invalid_after() throws Exception {
        String worker = workerId();
        camel.requestBody("direct:credential-intake", CredentialFixtures.submission(CONTRACTOR, worker, "吴刚",
                idNumber(CredentialFixtures.VALID)), String.class);
        LocalDate validUntil = LocalDate.parse(awaitStatus(worker, "VALID").get("validUntil").asText());

        try (var consumer = new KafkaTestConsumer(kafkaBootstrap, "credential.events")) {
            reevaluation.reevaluate(worker, validUntil.minusDays(31));
            assertThat(status(worker)).isEqualTo("VALID");
            reevaluation.reevaluate(worker, validUntil.minusDays(30));
            assertThat(status(worker)).isEqualTo("EXPIRING");
            reevaluation.reevaluate(worker, validUntil.minusDays(29));
            reevaluation.reevaluate(worker, validUntil.plusDays(1));
            assertThat(status(worker)).isEqualTo("INVALID");

            var records = consumer.awaitRecords(r -> worker.equals(r.key()), 4, Duration.ofSeconds(20));
            assertThat(records.stream().map(r -> data(r).get("status").asText()).toList())
                    .containsExactly("PENDING", "VALID", "EXPIRING", "INVALID");
        }
    }

    @Test
    void each_answer_is_stored_as_evidence_and_its_hash_anchored() {
        String worker = workerId();
        camel.requestBody("direct:credential-intake", CredentialFixtures.submission(CONTRACTOR, worker, "郑和",
                idNumber(CredentialFixtures.VALID)), String.class);
        awaitStatus(worker, "VALID");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode evidence = json(get("/partner/v1/workers/" + worker + "/verification",
                    contractorToken(CONTRACTOR))).get("evidence");
            assertThat(evidence).hasSize(2);
            for (JsonNode e : evidence) {
                assertThat(e.get("batchId").isNull()).as(e.toString()).isFalse();
                String body = jdbc.queryForObject("select response_body from verification_evidence where id = ?::uuid",
                        String.class, e.get("id").asText());
                assertThat(e.get("responseHash").asText()).isEqualTo(
                        org.permithub.ledger.hash.ActionHash.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    private String status(String worker) {
        return jdbc.queryForObject("select status from credential_workers where worker_id = ?", String.class, worker);
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("data");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
