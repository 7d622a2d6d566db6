package org.permithub.hub.standalone;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The hub's side of {@link StandaloneCrashTest}, run in a child JVM that the test SIGKILLs: starts
 * PostgreSQL and Kafka on the data folder given as argument, commits one row, leaves a second row in an
 * open transaction, gets one Kafka record acknowledged by all replicas, prints {@value #READY} with the
 * PostgreSQL and Kafka ports, and waits.
 */
public final class CrashVictim {

    static final String READY = "CRASH-VICTIM-READY";
    static final String TOPIC = "crash.test";

    private CrashVictim() {
    }

    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        StandaloneSettings settings = StandaloneSettings.defaults(Path.of(args[0]));
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(settings.postgresDir(), 0, Duration.ofSeconds(60));
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(settings.kafkaDir(), 0, 0, 1);

        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD); Statement s = c.createStatement()) {
            s.execute("create table crash_probe (note text primary key)");
            s.execute("insert into crash_probe values ('committed before the kill')");
        }
        Connection open = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
        open.setAutoCommit(false);
        try (Statement s = open.createStatement()) {
            s.execute("insert into crash_probe values ('never committed')");
        }
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(StandaloneServersTest.producerConfig(kafka.bootstrapServers()))) {
            producer.send(new ProducerRecord<>(TOPIC, "P-1", "acked before the kill")).get(60, TimeUnit.SECONDS);
        }
        System.out.println(READY + " " + postgres.port() + " " + kafka.port());
        System.out.flush();
        Thread.currentThread().join(); // until SIGKILL
    }
}
