package org.permithub.hub.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What {@link StandaloneServers} starts and where. A port of 0 means "any free port" (tests use it).
 * Property names are listed in hub/STANDALONE.md.
 *
 * @param dataDir             root of all persistent data; each server gets a sub-folder
 * @param postgresPort        PostgreSQL port
 * @param kafkaPort           Kafka client (PLAINTEXT) port
 * @param kafkaControllerPort Kafka KRaft controller port
 * @param mqttPort            MQTT TCP port
 * @param kafkaPartitions     default partition count of auto-created Kafka topics
 * @param simulators          names of the simulated external systems, one WireMock server each
 * @param startTimeout        how long to wait for all servers together
 */
public record StandaloneSettings(
        Path dataDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int mqttPort,
        int kafkaPartitions,
        List<String> simulators,
        Duration startTimeout) {

    public static final String PREFIX = "permit-hub.standalone";
    public static final String DATA_DIR_PROPERTY = "permit-hub.data-dir";

    public static final String DEFAULT_DATA_DIR = "./data";
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_MQTT_PORT = 11883;
    public static final int DEFAULT_KAFKA_PARTITIONS = 3;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    public static final List<String> DEFAULT_SIMULATORS = List.of(
            "erp", "mes", "certificate", "social-insurance", "contractor", "gov-platform",
            "door-access", "notification");

    public StandaloneSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        // absolute, so the printed folders and child processes do not depend on the working directory
        dataDir = dataDir.toAbsolutePath().normalize();
        simulators = List.copyOf(simulators);
        for (String name : simulators) {
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("simulator name must be lower-case letters, digits, '-': " + name);
            }
        }
        if (kafkaPartitions < 1) {
            throw new IllegalArgumentException("kafka-partitions must be >= 1");
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** The defaults of every property, on the given data folder. */
    public static StandaloneSettings defaults(Path dataDir) {
        return new StandaloneSettings(dataDir, DEFAULT_POSTGRES_PORT, DEFAULT_KAFKA_PORT, 0, DEFAULT_MQTT_PORT,
                DEFAULT_KAFKA_PARTITIONS, DEFAULT_SIMULATORS, DEFAULT_START_TIMEOUT);
    }

    /** Reads {@code permit-hub.data-dir} and {@code permit-hub.standalone.*}, with relaxed binding. */
    public static StandaloneSettings from(Environment environment) {
        Binder binder = Binder.get(environment);
        return new StandaloneSettings(
                Path.of(binder.bind(DATA_DIR_PROPERTY, String.class).orElse(DEFAULT_DATA_DIR)),
                port(binder, "postgres-port", DEFAULT_POSTGRES_PORT),
                port(binder, "kafka-port", DEFAULT_KAFKA_PORT),
                port(binder, "kafka-controller-port", 0),
                port(binder, "mqtt-port", DEFAULT_MQTT_PORT),
                binder.bind(PREFIX + ".kafka-partitions", Integer.class).orElse(DEFAULT_KAFKA_PARTITIONS),
                binder.bind(PREFIX + ".simulators", Bindable.listOf(String.class)).orElse(DEFAULT_SIMULATORS),
                binder.bind(PREFIX + ".start-timeout", Duration.class).orElse(DEFAULT_START_TIMEOUT));
    }

    private static int port(Binder binder, String name, int fallback) {
        return binder.bind(PREFIX + "." + name, Integer.class).orElse(fallback);
    }

    /** The same settings with every port 0, i.e. chosen free at start. */
    public StandaloneSettings withFreePorts() {
        return new StandaloneSettings(dataDir, 0, 0, 0, 0, kafkaPartitions, simulators, startTimeout);
    }

    public StandaloneSettings withSimulators(List<String> names) {
        return new StandaloneSettings(dataDir, postgresPort, kafkaPort, kafkaControllerPort, mqttPort,
                kafkaPartitions, names, startTimeout);
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path hivemqDir() {
        return dataDir.resolve("hivemq");
    }

    public Path simulatorsDir() {
        return dataDir.resolve("simulators");
    }
}
