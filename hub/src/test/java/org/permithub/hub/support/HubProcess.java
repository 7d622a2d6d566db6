package org.permithub.hub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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

    /** How long the hub may take to start its embedded servers (its own bound, passed to it). */
    static final Duration SERVERS_START_TIMEOUT = Duration.ofMinutes(4);
    /** How long the jar may take to answer healthy: a bound, above the servers' own. */
    static final Duration HEALTHY_TIMEOUT = SERVERS_START_TIMEOUT.plusMinutes(1);
    /** A start that writes no log line for this long is stuck, not slow. */
    static final Duration SILENT_LIMIT = Duration.ofMinutes(2);

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
                // the embedded Kafka and HiveMQ dominate the start (20-35 s, once over 90 s on a busy
                // 2-core machine): the hub must not give up on them before this wait does
                "--permit-hub.standalone.start-timeout=" + SERVERS_START_TIMEOUT.toSeconds() + "s",
                "--permit-hub.ledger.batch-max-wait=200ms"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            awaitHealthy();
        } catch (RuntimeException | IOException e) {
            // the caller's try-with-resources has no handle yet: a stuck jar must not outlive the test
            process.destroyForcibly();
            throw e;
        }
        return this;
    }

    private void awaitHealthy() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long began = System.nanoTime();
        long[] logGrowth = {Files.size(log), began}; // size, when it last grew
        try {
            Awaitility.await("hub healthy").atMost(HEALTHY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(failure("the hub exited with " + process.exitValue(), began));
                        }
                        long size = Files.size(log);
                        if (size != logGrowth[0]) {
                            logGrowth[0] = size;
                            logGrowth[1] = System.nanoTime();
                        } else if (System.nanoTime() - logGrowth[1] > SILENT_LIMIT.toNanos()) {
                            throw new IllegalStateException(failure("the hub wrote no log line for " + SILENT_LIMIT
                                    + ": stuck, not slow", began));
                        }
                        try {
                            var response = http.send(HttpRequest.newBuilder(baseUri().resolve("/actuator/health"))
                                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                            return response.statusCode() == 200 && response.body().contains("\"UP\"");
                        } catch (IOException notListeningYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(failure("the hub was not healthy within " + HEALTHY_TIMEOUT, began), e);
        }
    }

    private String failure(String what, long began) {
        return what + " (" + Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s after start); last lines of "
                + log + ":\n" + tail(60);
    }

    /** The last lines of this start's log (the file collects every start of the test). */
    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
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
