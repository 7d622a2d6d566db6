package org.permithub.hub.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT 3.1.1 / 5 broker: HiveMQ Community Edition embedded in the hub's JVM, with file persistence
 * (sessions, queued QoS 1/2 messages, retained messages) under the data folder.
 */
public final class EmbeddedMqttBroker implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    static final String CONFIG_TEMPLATE = "standalone/hivemq-config.xml";
    private static final String BIND_ADDRESS = "127.0.0.1";
    private static final int PERSISTENCE_SHUTDOWN_GRACE_MS = 500;

    private final EmbeddedHiveMQ hivemq;
    private final Path dataDir;
    private final int port;
    private final Duration startTime;
    private boolean closed;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, Path dataDir, int port, Duration startTime) {
        this.hivemq = hivemq;
        this.dataDir = dataDir;
        this.port = port;
        this.startTime = startTime;
    }

    /** {@code dataDir} gets conf/ (generated config.xml), data/ and an empty extensions/. */
    public static EmbeddedMqttBroker start(Path dataDir, int port, Duration timeout) throws IOException {
        long started = System.nanoTime();
        int listenPort = port != 0 ? port : FreePorts.any();
        Path conf = Files.createDirectories(dataDir.resolve("conf"));
        Path data = Files.createDirectories(dataDir.resolve("data"));
        Path extensions = Files.createDirectories(dataDir.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), config(listenPort), StandardCharsets.UTF_8);
        shortenPersistenceShutdownGrace();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                // HiveMQ would otherwise reset Logback to its own configuration, overriding Spring Boot's
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(hivemq);
            throw new IOException("HiveMQ did not start on " + dataDir, e instanceof ExecutionException ? e.getCause() : e);
        }
        return new EmbeddedMqttBroker(hivemq, dataDir, listenPort, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * HiveMQ waits a fixed grace period (2 s) for persistence writes when it stops, after its listeners have
     * already been closed for 2 s, so nothing is left to write by then; 0.5 s halves the hub's stop time.
     * The setting is HiveMQ-internal (a public static); if a later HiveMQ drops it, stopping is just slower.
     */
    private static void shortenPersistenceShutdownGrace() {
        try {
            InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(PERSISTENCE_SHUTDOWN_GRACE_MS);
        } catch (LinkageError e) {
            log.debug("HiveMQ persistence shutdown grace not adjustable: {}", e.toString());
        }
    }

    private static String config(int port) throws IOException {
        try (InputStream in = EmbeddedMqttBroker.class.getClassLoader().getResourceAsStream(CONFIG_TEMPLATE)) {
            if (in == null) {
                throw new IOException("classpath resource " + CONFIG_TEMPLATE + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${port}", Integer.toString(port))
                    .replace("${bind-address}", BIND_ADDRESS);
        }
    }

    public int port() {
        return port;
    }

    public String brokerUrl() {
        return "tcp://localhost:" + port;
    }

    @Override
    public String name() {
        return "MQTT 5 (HiveMQ CE)";
    }

    @Override
    public String address() {
        return brokerUrl();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Duration startTime() {
        return startTime;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(hivemq);
    }

    private static void closeQuietly(EmbeddedHiveMQ hivemq) {
        try {
            hivemq.close(); // stops the broker (flushing its persistence) and releases the data folder lock
        } catch (ExecutionException | RuntimeException e) {
            log.warn("HiveMQ shutdown failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
