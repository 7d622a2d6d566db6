package org.permithub.hub.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.hash.ActionHash;
import org.permithub.ledger.merkle.InclusionProof;
import org.permithub.ledger.merkle.MerkleTree;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 2's thin slice, end to end over real PostgreSQL, Kafka and the ledger back-end. */
class PermitFlowEndToEndTest extends HubTestSupport {

    private static final List<String> FOUR_ACTIONS = List.of("APPLY", "APPROVE", "GAS_TEST", "START");
    private static final List<String> FOUR_EVENTS = List.of("permit.action.applied", "permit.action.approved",
            "permit.action.gas_tested", "permit.action.started");

    @Autowired
    LedgerBackend ledger;

    @Test
    void apply_approve_start_over_rest_is_stored_published_anchored_and_visible_to_the_regulator() throws Exception {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);

        var applied = post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE), UUID.randomUUID().toString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(applied.headers().firstValue("Location")).contains("/api/v1/permits/" + permitNo);
        assertThat(json(applied).get("state").asText()).isEqualTo("APPLIED");
        var approved = action(permitNo, token, "APPROVE", HappyPath.approval());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        var tested = action(permitNo, token, "GAS_TEST", HappyPath.gasTest());
        assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
        var started = action(permitNo, token, "START", HappyPath.start());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).get("state").asText()).isEqualTo("ACTIVE");

        assertStoredInPostgres(permitNo, FOUR_ACTIONS, "ACTIVE");
        assertPublishedInOrder(permitNo, FOUR_EVENTS);
        assertEveryActionAnchored(permitNo, 4);

        var status = get("/regulator/v1/permits/" + permitNo, regulatorToken("370600"));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        JsonNode body = json(status);
        assertThat(body.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("workType").asText()).isEqualTo("HOT_WORK");
        assertThat(body.get("grade").asText()).isEqualTo("GRADE_2");
        assertThat(body.at("/location/zoneId").asText()).isEqualTo("unit-3");
        assertThat(body.at("/lastAction/type").asText()).isEqualTo("START");
        assertThat(body.at("/lastAction/version").asLong()).isEqualTo(4);
        assertThat(body.has("divisionCode")).isFalse();

        var elsewhere = get("/regulator/v1/permits/" + permitNo, regulatorToken("3301"));
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(json(elsewhere).get("code").asText()).isEqualTo("PERMIT_NOT_FOUND");
    }

    @Test
    void the_same_commands_over_kafka_give_results_on_the_results_topic() throws Exception {
        String permitNo = newPermitNo();
        String application = hotWorkApplication(permitNo, ENTERPRISE);
        List<String> commands = List.of(
                "{\"commandId\":\"" + permitNo + "-1\",\"type\":\"APPLY\",\"actor\":\"erp\",\"application\":" + application + "}",
                "{\"commandId\":\"" + permitNo + "-2\",\"type\":\"APPROVE\",\"permitNo\":\"" + permitNo + "\",\"data\":"
                        // sent before the APPLY is processed, so signed a little ahead (the rules allow 60 s)
                        + HappyPath.approval(java.time.Instant.now().plusSeconds(20)) + "}",
                "{\"commandId\":\"" + permitNo + "-3\",\"type\":\"GAS_TEST\",\"permitNo\":\"" + permitNo + "\",\"data\":" + HappyPath.gasTest() + "}",
                "{\"commandId\":\"" + permitNo + "-4\",\"type\":\"START\",\"permitNo\":\"" + permitNo + "\",\"data\":" + HappyPath.start() + "}");
        try (var results = new KafkaTestConsumer(kafkaBootstrap, "permit.command-results");
                var producer = producer()) {
            for (String command : commands) {
                producer.send(new ProducerRecord<>("permit.commands", permitNo, command)).get();
            }
            var answers = results.awaitRecords(r -> permitNo.equals(r.key()), 4, Duration.ofSeconds(30));
            assertThat(answers).extracting(r -> JSON.readTree(r.value()).get("accepted").asBoolean())
                    .as(answers.toString()).containsExactly(true, true, true, true);
            assertThat(JSON.readTree(answers.get(3).value()).at("/result/state").asText()).isEqualTo("ACTIVE");
        }
        assertStoredInPostgres(permitNo, FOUR_ACTIONS, "ACTIVE");
        assertPublishedInOrder(permitNo, FOUR_EVENTS);
        assertEveryActionAnchored(permitNo, 4);
        assertThat(jdbc.queryForList("select distinct source from permit_actions where permit_no = ?", String.class, permitNo))
                .containsExactly("KAFKA");
    }

    @Test
    void a_bad_kafka_command_gets_a_problem_answer_and_does_not_block_the_topic() throws Exception {
        String permitNo = newPermitNo();
        try (var results = new KafkaTestConsumer(kafkaBootstrap, "permit.command-results");
                var producer = producer()) {
            producer.send(new ProducerRecord<>("permit.commands", permitNo, "{not json")).get();
            producer.send(new ProducerRecord<>("permit.commands", permitNo,
                    "{\"commandId\":\"" + permitNo + "-a\",\"type\":\"APPLY\",\"application\":"
                            + hotWorkApplication(permitNo, ENTERPRISE) + "}")).get();
            var answers = results.awaitRecords(r -> permitNo.equals(r.key()), 2, Duration.ofSeconds(30));
            JsonNode bad = JSON.readTree(answers.get(0).value());
            assertThat(bad.get("accepted").asBoolean()).isFalse();
            assertThat(bad.at("/problem/code").asText()).isEqualTo("MALFORMED_JSON");
            assertThat(JSON.readTree(answers.get(1).value()).get("accepted").asBoolean()).isTrue();
        }
    }

    private void assertStoredInPostgres(String permitNo, List<String> types, String state) {
        var rows = jdbc.queryForList(
                "select version, type, hash from permit_actions where permit_no = ? order by version", permitNo);
        assertThat(rows).extracting(r -> r.get("type")).containsExactlyElementsOf(types);
        assertThat(rows).extracting(r -> ((Number) r.get("version")).longValue())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, types.size()).boxed().toList());
        assertThat(jdbc.queryForObject("select state from permits where permit_no = ?", String.class, permitNo))
                .isEqualTo(state);
        assertThat(jdbc.queryForObject(
                "select count(*) from outbox where aggregate_id = ? and destination in ('events', 'ledger')",
                Integer.class, permitNo)).isEqualTo(types.size() * 2);
    }

    private void assertPublishedInOrder(String permitNo, List<String> eventTypes) throws Exception {
        List<String> actionIds = jdbc.queryForList(
                "select id::text from permit_actions where permit_no = ? order by version", String.class, permitNo);
        try (var events = new KafkaTestConsumer(kafkaBootstrap, "permit.events")) {
            var records = events.awaitRecords(r -> permitNo.equals(r.key()), eventTypes.size(), Duration.ofSeconds(30));
            List<JsonNode> cloudEvents = records.stream().map(r -> {
                try {
                    return JSON.readTree(r.value());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(cloudEvents).extracting(e -> e.get("specversion").asText()).containsOnly("1.0");
            assertThat(cloudEvents).extracting(e -> e.get("type").asText()).containsExactlyElementsOf(eventTypes);
            assertThat(cloudEvents).extracting(e -> e.get("id").asText()).containsExactlyElementsOf(actionIds);
            assertThat(cloudEvents).extracting(e -> e.get("subject").asText()).containsOnly(permitNo);
            assertThat(cloudEvents.get(cloudEvents.size() - 1).at("/data/state").asText()).isEqualTo("ACTIVE");
        }
    }

    /** Every action's hash is in an anchored batch whose root, read back from the ledger, proves it. */
    private void assertEveryActionAnchored(String permitNo, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var proofs = jdbc.queryForList("""
                    select p.action_hash, a.hash, p.batch_id, p.leaf_index, b.size, p.path::text as path, b.anchored_at
                      from action_proofs p join permit_actions a on a.id = p.action_id
                      join ledger_batches b on b.batch_id = p.batch_id
                     where p.permit_no = ? order by p.version""", permitNo);
            assertThat(proofs).hasSize(count);
            for (Map<String, Object> proof : proofs) {
                assertThat(proof.get("anchored_at")).isNotNull();
                assertThat(proof.get("action_hash")).isEqualTo(proof.get("hash"));
                String root = ledger.batch((String) proof.get("batch_id")).orElseThrow().merkleRoot();
                List<String> path = List.of(JSON.readValue((String) proof.get("path"), String[].class));
                var inclusion = new InclusionProof(((Number) proof.get("leaf_index")).longValue(),
                        ((Number) proof.get("size")).longValue(), path);
                assertThat(MerkleTree.verifyInclusion((String) proof.get("hash"), inclusion, root)).isTrue();
            }
        });
        // the stored hash is the hash of the row as it stands
        for (var row : jdbc.queryForList("select id, hash from permit_actions where permit_no = ?", permitNo)) {
            assertThat(row.get("hash")).isEqualTo(recomputedHash((UUID) row.get("id")));
        }
    }

    private String recomputedHash(UUID actionId) {
        var row = jdbc.queryForMap("select * from permit_actions where id = ?", actionId);
        try {
            var doc = ActionRecord.canonicalDocument(JSON, actionId, (String) row.get("permit_no"),
                    ((Number) row.get("version")).longValue(),
                    org.permithub.core.permit.ActionType.valueOf((String) row.get("type")), (String) row.get("actor"),
                    ((java.sql.Timestamp) row.get("occurred_at")).toInstant(), JSON.readTree(row.get("data").toString()));
            return ActionHash.ofJson(doc.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
