package org.permithub.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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

/**
 * The hub's own Kamelets in route files deployed at run time: an ERP's commands go through
 * {@code permit-action-sink} (the domain checks and the store), and {@code permit-event-source}
 * passes on only the events its filter asks for.
 */
class HubKameletsTest extends HubTestSupport {

    @Test
    void commandsThroughPermitActionSinkAndFilteredEventsFromPermitEventSource() throws Exception {
        String x = UUID.randomUUID().toString().substring(0, 8);
        String commands = "erp-commands-" + x;
        String answers = "erp-answers-" + x;
        String applied = "erp-applied-" + x;
        var sink = deployRoute("erp-commands-" + x, """
                - route:
                    id: erp-commands-%1$s
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "kafka:%2$s"
                      parameters:
                        groupId: erp-commands-%1$s
                        autoOffsetReset: earliest
                        autoCommitEnable: false
                        allowManualCommit: true
                        breakOnFirstError: true
                      steps:
                        - to: "kamelet:permit-action-sink"
                        - to: "kafka:%3$s"
                """.formatted(x, commands, answers));
        assertThat(sink.statusCode()).as(sink.body()).isEqualTo(200);
        var events = deployRoute("erp-applied-" + x, """
                - route:
                    id: erp-applied-%1$s
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "kamelet:permit-event-source"
                      parameters:
                        groupId: erp-applied-%1$s
                        siteId: t-site
                        workType: HOT_WORK
                        action: APPLY
                        autoOffsetReset: earliest
                      steps:
                        - to: "kafka:%2$s"
                """.formatted(x, applied));
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);

        String permitNo = newPermitNo();
        String command = "{\"commandId\":\"" + permitNo + "-1\",\"type\":\"APPLY\",\"actor\":\"erp\",\"application\":"
                + hotWorkApplication(permitNo, ENTERPRISE) + "}";
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(commands, permitNo, command)).get();
        }
        try (var consumer = new KafkaTestConsumer(kafkaBootstrap, answers)) {
            JsonNode answer = JSON.readTree(consumer.awaitRecords(r -> permitNo.equals(r.key()), 1, Duration.ofSeconds(60))
                    .get(0).value());
            assertThat(answer.path("accepted").asBoolean()).as(answer.toString()).isTrue();
            assertThat(answer.path("result").path("state").asText()).isEqualTo("APPLIED");
        }
        assertThat(jdbc.queryForObject("select actor from permit_actions where permit_no = ?", String.class, permitNo))
                .isEqualTo("erp");

        try (var consumer = new KafkaTestConsumer(kafkaBootstrap, applied)) {
            var mine = consumer.awaitRecords(r -> r.value().contains("\"subject\":\"" + permitNo + "\""), 1,
                    Duration.ofSeconds(60));
            assertThat(JSON.readTree(mine.get(0).value()).path("type").asText()).isEqualTo("permit.action.applied");
            // whatever else permit.events holds (other tests' approvals, starts, other sites), only APPLYs of t-site pass
            var all = consumer.awaitRecords(r -> true, 1, Duration.ofSeconds(5));
            for (var record : all) {
                JsonNode data = JSON.readTree(record.value()).path("data");
                assertThat(Map.of("action", data.path("action").asText(), "siteId", data.path("siteId").asText(),
                        "workType", data.path("workType").asText()))
                        .isEqualTo(Map.of("action", "APPLY", "siteId", "t-site", "workType", "HOT_WORK"));
            }
        }
    }
}
