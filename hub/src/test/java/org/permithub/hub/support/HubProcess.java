package org.permithub.hub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The hub as a separate operating-system process, started from the built jar
 * ({@code target/permit-hub.jar}) in standalone mode on a given data folder and fixed ports, so a
 * test can stop it, kill it with SIGKILL, and start it again on the same data.
 */
public final class HubProcess implements AutoCloseable {

    public record Ports(int http, int postgres, int kafka, int mqtt) {
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort());
        }
    }

    private final Path dataDir;
    private final Ports ports;
    private final Path log;
    private Process process;

    public HubProcess(Path dataDir, Ports ports) {
        this.dataDir = dataDir;
        this.ports = ports;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-hub.log");
    }

    public HubProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", Path.of("target", "permit-hub.jar").toAbsolutePath().toString(),
                "--permit-hub.mode=standalone",
                "--permit-hub.data-dir=" + dataDir.toAbsolutePath(),
                "--permit-hub.routes-dir=" + Path.of("..", "routes").toAbsolutePath().normalize(),
                "--server.port=" + ports.http(),
                "--permit-hub.standalone.postgres-port=" + ports.postgres(),
                "--permit-hub.standalone.kafka-port=" + ports.kafka(),
                "--permit-hub.standalone.mqtt-port=" + ports.mqtt(),
                "--permit-hub.ledger.batch-max-wait=200ms"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("hub healthy, log " + log).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("hub exited with " + process.exitValue() + ", see " + log);
                    }
                    try {
                        var response = http.send(HttpRequest.newBuilder(baseUri().resolve("/actuator/health")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return response.statusCode() == 200 && response.body().contains("\"UP\"");
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    /** Graceful stop (SIGTERM), as an operator would. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hub did not stop within 60 s, see " + log);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + ports.http());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + ports.postgres() + "/permithub";
    }

    public String kafkaBootstrap() {
        return "localhost:" + ports.kafka();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
