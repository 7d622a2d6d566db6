package org.permithub.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;

/**
 * A Kafka-consuming route replaced three times while messages keep arriving: each new version
 * joins the consumer group beside the old one, which then leaves (twice per replace: stand-by ids,
 * then the file's own). Every message comes out exactly once (counted by key), and the versions
 * really took turns.
 */
class KafkaRouteReplaceTest extends HubTestSupport {

    private static final int MESSAGES = 4000;
    private static final int PER_TICK = 10;

    static String relay(String id, String in, String out, String group, int version) {
        return """
                - route:
                    id: %s
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "kafka:%s"
                      parameters:
                        groupId: %s
                        autoOffsetReset: earliest
                        autoCommitEnable: false
                        allowManualCommit: true
                        breakOnFirstError: true
                        maxPollRecords: 50
                      steps:
                        - setHeader:
                            name: relayVersion
                            constant: "%d"
                        - to:
                            uri: "kafka:%s"
                            parameters:
                              requestRequiredAcks: all
                """.formatted(id, in, group, version, out);
    }

    @Test
    void replacingAKafkaRouteUnderLoadLosesAndRepeatsNoMessage() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "replace-in-" + suffix;
        String out = "replace-out-" + suffix;
        String id = "relay-" + suffix;
        String group = "relay-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            admin.createTopics(List.of(new NewTopic(in, 3, (short) 1), new NewTopic(out, 3, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(deployRoute(id, relay(id, in, out, group, 1)).statusCode()).isEqualTo(200);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        AtomicInteger sent = new AtomicInteger();
        Map<String, Integer> received = new HashMap<>();
        Set<String> versions = new TreeSet<>();
        List<Integer> sentAtReplace = new java.util.ArrayList<>();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                var consumer = new KafkaTestConsumer(kafkaBootstrap, out)) {
            // a steady stream, 200 messages a second for 20 s, while the route is replaced three times
            ticks.scheduleAtFixedRate(() -> {
                for (int i = 0; i < PER_TICK && sent.get() < MESSAGES; i++) {
                    int n = sent.getAndIncrement();
                    producer.send(new ProducerRecord<>(in, "k-" + n, "message " + n));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);

            for (int version = 2; version <= 4; version++) {
                int threshold = 300 + (version - 2) * 500;
                consumer.pollUntil(r -> count(r, received, versions), () -> total(received) >= threshold, Duration.ofSeconds(120));
                sentAtReplace.add(sent.get());
                var replaced = deployRoute(id, relay(id, in, out, group, version));
                assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
            }
            consumer.pollUntil(r -> count(r, received, versions), () -> received.size() >= MESSAGES, Duration.ofSeconds(180));
            // late duplicates would come from a consumer re-reading what an old version processed: keep reading a while
            long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            consumer.pollUntil(r -> count(r, received, versions), () -> System.nanoTime() > quietUntil, Duration.ofSeconds(30));
        } finally {
            ticks.shutdownNow();
        }

        assertThat(received).hasSize(MESSAGES);
        assertThat(received.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList())
                .as("keys not seen exactly once").isEmpty();
        // the replaces happened while messages were still being produced, and each version did some of the work
        assertThat(sentAtReplace.get(1)).as("second replace while producing").isLessThan(MESSAGES);
        assertThat(versions).as("versions that relayed messages").contains("1", "4").hasSizeGreaterThanOrEqualTo(3);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from route_changes where deployment_id = ? and operation = 'REPLACE'", Integer.class, id) == 3);
    }

    private static void count(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record,
            Map<String, Integer> received, Set<String> versions) {
        received.merge(record.key(), 1, Integer::sum);
        Header version = record.headers().lastHeader("relayVersion");
        if (version != null) {
            versions.add(new String(version.value(), StandardCharsets.UTF_8));
        }
    }

    private static int total(Map<String, Integer> received) {
        return received.values().stream().mapToInt(Integer::intValue).sum();
    }
}
