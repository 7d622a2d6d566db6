package org.permithub.hub.standalone;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the standalone servers listen. Known as soon as the ports are chosen, before the servers are up,
 * so the Spring environment can be filled while they are still starting.
 *
 * @param postgresPort   PostgreSQL port
 * @param kafkaPort      Kafka client (PLAINTEXT) port
 * @param kafkaControllerPort Kafka KRaft controller port
 * @param mqttPort       MQTT TCP port
 * @param simulatorPorts simulator name to HTTP port, in configured order
 */
public record StandaloneEndpoints(int postgresPort, int kafkaPort, int kafkaControllerPort, int mqttPort,
                                  Map<String, Integer> simulatorPorts) {

    public StandaloneEndpoints {
        simulatorPorts = Collections.unmodifiableMap(new LinkedHashMap<>(simulatorPorts));
    }

    /** Resolves every "0" of the settings to a free port, and checks the fixed ports are free. */
    static StandaloneEndpoints choose(StandaloneSettings settings) {
        String prefix = StandaloneSettings.PREFIX + ".";
        try (FreePorts ports = new FreePorts()) {
            Map<String, Integer> simulators = new LinkedHashMap<>();
            settings.simulators().forEach(name -> simulators.put(name, ports.choose(0, prefix + "simulators")));
            return new StandaloneEndpoints(
                    ports.choose(settings.postgresPort(), prefix + "postgres-port"),
                    ports.choose(settings.kafkaPort(), prefix + "kafka-port"),
                    ports.choose(settings.kafkaControllerPort(), prefix + "kafka-controller-port"),
                    ports.choose(settings.mqttPort(), prefix + "mqtt-port"),
                    simulators);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + EmbeddedPostgresServer.DATABASE;
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String mqttBrokerUrl() {
        return "tcp://localhost:" + mqttPort;
    }

    /** Simulator name to base URL, e.g. {@code erp -> http://localhost:41097}. */
    public Map<String, String> simulatorUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        simulatorPorts.forEach((name, port) -> urls.put(name, "http://localhost:" + port));
        return urls;
    }
}
