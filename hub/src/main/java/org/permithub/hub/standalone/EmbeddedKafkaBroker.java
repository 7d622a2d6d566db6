package org.permithub.hub.standalone;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka in KRaft mode (one process plays broker and controller), running in the hub's
 * JVM on Kafka's own server classes, with its log folder under the data folder so topics, messages and
 * consumer offsets survive restarts. After a kill Kafka's log recovery repairs the segments on start.
 */
public final class EmbeddedKafkaBroker implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final Duration startTime;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, int port, Duration startTime) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.startTime = startTime;
    }

    /**
     * Formats {@code dataDir} on first use, then starts the node. Returns once the broker is unfenced,
     * i.e. accepts produce and consume requests.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort, int partitions)
            throws IOException {
        long started = System.nanoTime();
        int clientPort = port != 0 ? port : FreePorts.any();
        int quorumPort = controllerPort != 0 ? controllerPort : FreePorts.any();
        Path logDir = dataDir.resolve("logs");
        Map<String, String> props = serverProperties(logDir, clientPort, quorumPort, partitions);
        KafkaConfig config = new KafkaConfig(props, false);
        formatOnce(dataDir, logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            throw new IOException("Kafka did not start on " + dataDir, e);
        }
        return new EmbeddedKafkaBroker(server, dataDir, clientPort, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Map<String, String> serverProperties(Path logDir, int port, int controllerPort, int partitions) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // a static one-voter quorum: the controller address is config, not stored in the metadata log,
        // so a different controller port on the next start is fine
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        // one node: every replication factor and ISR is 1
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        // internal topics default to 50 partitions each, which costs seconds on first use on a small machine
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("num.partitions", Integer.toString(partitions));
        p.put("auto.create.topics.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        // after a kill the controller refuses the new broker incarnation until the old one's session
        // expires (default 9 s, plus retry back-off: ~17 s measured); heartbeats are in-process, so short
        // timeouts are cheap, and 3 s still rides out a long GC pause on a busy 2-core machine
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        // the log cleaner (compacted __consumer_offsets) reserves 128 MB by default; plenty at 16 MB here
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return p;
    }

    /**
     * Writes meta.properties and the bootstrap metadata the first time. The cluster id lives in
     * {@code <kafka>/cluster.id} so the folder can be recognised (and re-formatted with the same id if the
     * logs were deleted by hand).
     */
    private static void formatOnce(Path dataDir, Path logDir) throws IOException {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            return;
        }
        Files.createDirectories(dataDir);
        Path clusterIdFile = dataDir.resolve("cluster.id");
        String clusterId;
        if (Files.exists(clusterIdFile)) {
            clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
        } else {
            clusterId = Uuid.randomUuid().toString();
            Files.writeString(clusterIdFile, clusterId + "\n", StandardCharsets.UTF_8);
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IOException("formatting Kafka storage in " + logDir + " failed", e);
        }
        log.info("Formatted Kafka storage in {} (cluster id {})", logDir, clusterId);
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public String name() {
        return "Kafka (KRaft)";
    }

    @Override
    public String address() {
        return bootstrapServers();
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
        shutdownQuietly(server);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka shutdown failed", e);
        }
    }
}
