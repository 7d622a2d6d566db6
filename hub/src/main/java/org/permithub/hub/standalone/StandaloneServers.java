package org.permithub.hub.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers of standalone mode, started together on one data folder: PostgreSQL, a single-node
 * KRaft Kafka, an MQTT 5 broker (HiveMQ CE) and one WireMock server per simulated external system.
 *
 * <p>They start in parallel, in background threads: {@link #begin} returns at once with the
 * {@link #endpoints()} already fixed, so a caller (the Spring wiring) can do other start-up work meanwhile
 * and call {@link #awaitReady()} only where the servers are needed. {@link #start} does both. {@link #close()}
 * stops them in reverse order. Everything persistent lives under {@link StandaloneSettings#dataDir()}:
 * closing and starting again on the same folder, in the same JVM or after the JVM was killed, keeps all data.
 */
public final class StandaloneServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandaloneServers.class);

    static final String LOCK_FILE = "standalone.lock";

    private final StandaloneSettings settings;
    private final StandaloneEndpoints endpoints;
    private final Consumer<String> announcer;
    private final DataFolderLock lock;
    private final ExecutorService pool;
    private final long began = System.nanoTime();
    private final CompletableFuture<EmbeddedPostgresServer> postgresStart;
    private final CompletableFuture<EmbeddedKafkaBroker> kafkaStart;
    private final CompletableFuture<EmbeddedMqttBroker> mqttStart;
    private final CompletableFuture<List<SimulatorServer>> simulatorsStart;

    // written under the monitor (awaitReady), read without it
    private volatile Ready ready;
    private volatile RuntimeException failure;
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Ready(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka, EmbeddedMqttBroker mqtt,
                         Map<String, SimulatorServer> simulators, Duration startTime) {

        List<EmbeddedServer> all() {
            List<EmbeddedServer> all = new ArrayList<>(List.of(postgres, kafka, mqtt));
            all.addAll(simulators.values());
            return all;
        }
    }

    private StandaloneServers(StandaloneSettings settings, Consumer<String> announcer) {
        this.settings = settings;
        this.announcer = announcer;
        this.lock = DataFolderLock.acquire(settings.dataDir());
        try {
            // before the ports are checked: a PostgreSQL orphaned by a killed hub still holds its port
            StalePostmaster.stopOrphan(settings.postgresDir(), settings.startTimeout()).ifPresent(announcer);
            this.endpoints = StandaloneEndpoints.choose(settings);
        } catch (IOException e) {
            lock.release();
            throw new StandaloneStartException("cannot stop the PostgreSQL left running on " + settings.postgresDir(), e);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
        this.pool = Executors.newFixedThreadPool(4, new NamedThreads());
        Duration timeout = settings.startTimeout();
        StandaloneEndpoints at = endpoints;
        postgresStart = async(() -> EmbeddedPostgresServer.start(settings.postgresDir(), at.postgresPort(), timeout));
        kafkaStart = async(() -> EmbeddedKafkaBroker.start(settings.kafkaDir(), at.kafkaPort(),
                at.kafkaControllerPort(), settings.kafkaPartitions()));
        mqttStart = async(() -> EmbeddedMqttBroker.start(settings.hivemqDir(), at.mqttPort(), timeout));
        // each WireMock starts in a few hundred ms; one thread for all leaves the cores to the big three
        simulatorsStart = async(() -> startSimulators(settings, at));
        pool.shutdown(); // threads end with their task
    }

    /** Starts all servers and waits for them, logging one line per server through slf4j. */
    public static StandaloneServers start(StandaloneSettings settings) {
        return start(settings, log::info);
    }

    /**
     * Starts all servers and waits until they are up; see {@link #begin} and {@link #awaitReady()}.
     *
     * @throws StandaloneStartException if a server does not start; those that did are stopped again
     */
    public static StandaloneServers start(StandaloneSettings settings, Consumer<String> announcer) {
        return begin(settings, announcer).awaitReady();
    }

    /**
     * Chooses the ports and starts all servers in the background, returning at once. When they are all
     * up, one line per server (where it listens, its data folder, its start time) goes to {@code announcer}.
     *
     * @throws StandaloneStartException at once if the data folder is in use by another hub or a fixed port
     *         is taken; a server that fails later is reported by {@link #awaitReady()}
     */
    public static StandaloneServers begin(StandaloneSettings settings, Consumer<String> announcer) {
        return new StandaloneServers(settings, announcer);
    }

    /**
     * Blocks until every server is up (at most {@link StandaloneSettings#startTimeout()} after {@link #begin}).
     * If one fails, every server is stopped and the same exception is thrown to every caller.
     */
    public synchronized StandaloneServers awaitReady() {
        if (ready != null) {
            return this;
        }
        if (failure != null) {
            throw failure;
        }
        if (closed.get()) {
            throw new IllegalStateException("closed before the servers were ready");
        }
        List<CompletableFuture<?>> starts = List.of(postgresStart, kafkaStart, mqttStart, simulatorsStart);
        try {
            allOf(starts).get(remaining(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            failure = startFailure(starts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new StandaloneStartException("interrupted while the standalone servers were starting", e);
        }
        if (failure != null) {
            close();
            throw failure;
        }
        Map<String, SimulatorServer> simulators = new LinkedHashMap<>();
        simulatorsStart.join().forEach(s -> simulators.put(s.system(), s));
        ready = new Ready(postgresStart.join(), kafkaStart.join(), mqttStart.join(),
                Collections.unmodifiableMap(simulators), Duration.ofNanos(System.nanoTime() - began));
        ready.all().forEach(server -> announcer.accept(server.describe()));
        announcer.accept(String.format("Standalone servers ready in %d ms, data folder %s",
                ready.startTime().toMillis(), settings.dataDir()));
        return this;
    }

    private long remaining() {
        return Math.max(0, settings.startTimeout().toNanos() - (System.nanoTime() - began));
    }

    private StandaloneStartException startFailure(List<CompletableFuture<?>> starts) {
        List<Throwable> causes = new ArrayList<>();
        for (CompletableFuture<?> start : starts) {
            if (start.isCompletedExceptionally()) {
                try {
                    start.join();
                } catch (CompletionException e) {
                    causes.add(e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause());
                }
            }
        }
        String message = "standalone servers did not start";
        if (causes.isEmpty()) {
            return new StandaloneStartException(message + " within " + settings.startTimeout());
        }
        StandaloneStartException failure = new StandaloneStartException(message + ": " + causes.get(0).getMessage(),
                causes.get(0));
        causes.stream().skip(1).forEach(failure::addSuppressed);
        return failure;
    }

    private static List<SimulatorServer> startSimulators(StandaloneSettings settings, StandaloneEndpoints at)
            throws IOException {
        List<SimulatorServer> started = new ArrayList<>();
        try {
            for (String system : settings.simulators()) {
                started.add(SimulatorServer.start(system, settings.simulatorsDir().resolve(system),
                        at.simulatorPorts().get(system)));
            }
            return started;
        } catch (IOException | RuntimeException e) {
            started.forEach(SimulatorServer::close);
            throw e;
        }
    }

    public StandaloneSettings settings() {
        return settings;
    }

    /** Where the servers listen; available at once, before they are up. */
    public StandaloneEndpoints endpoints() {
        return endpoints;
    }

    /** Waits until the servers are up. */
    public EmbeddedPostgresServer postgres() {
        return awaitReady().ready.postgres();
    }

    /** Waits until the servers are up. */
    public EmbeddedKafkaBroker kafka() {
        return awaitReady().ready.kafka();
    }

    /** Waits until the servers are up. */
    public EmbeddedMqttBroker mqtt() {
        return awaitReady().ready.mqtt();
    }

    /** The simulators by system name, in the configured order; waits until the servers are up. */
    public Map<String, SimulatorServer> simulators() {
        return awaitReady().ready.simulators();
    }

    /** Every server, in start order; waits until the servers are up. */
    public List<EmbeddedServer> all() {
        return awaitReady().ready.all();
    }

    /** Wall time from {@link #begin} until all servers were up; waits until they are. */
    public Duration startTime() {
        return awaitReady().ready.startTime();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops every server in reverse start order; safe to call twice. Servers still starting are waited for
     * (at most until the start timeout) and then stopped.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        List<CompletableFuture<?>> starts = List.of(postgresStart, kafkaStart, mqttStart, simulatorsStart);
        try {
            allOf(starts).get(remaining(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // stop whatever did start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CompletableFuture<?>> reverse = new ArrayList<>(starts);
        Collections.reverse(reverse);
        for (CompletableFuture<?> start : reverse) {
            // a start still running (timed out) stops its server as soon as it is up
            start.whenComplete((server, error) -> stop(server));
        }
        lock.release();
        log.info("Standalone servers stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void stop(Object started) {
        if (started instanceof List<?> list) {
            List<?> reverse = new ArrayList<>(list);
            Collections.reverse(reverse);
            reverse.forEach(StandaloneServers::stop);
        } else if (started instanceof EmbeddedServer server) {
            try {
                server.close();
            } catch (RuntimeException e) {
                log.warn("Stopping {} failed", server.name(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "StandaloneServers[" + (closed.get() ? "closed" : ready != null ? "ready" : "starting") + ", " + endpoints + "]";
    }

    private static CompletableFuture<Void> allOf(List<CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private <T> CompletableFuture<T> async(IoSupplier<T> start) {
        Supplier<T> unchecked = () -> {
            try {
                return start.get();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        };
        return CompletableFuture.supplyAsync(unchecked, pool);
    }

    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "standalone-start-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * One StandaloneServers per data folder at a time, across processes: a second hub on the same folder
     * fails here with a clear message, before it could mistake the first hub's PostgreSQL for an orphan.
     */
    private record DataFolderLock(Path dataDir, FileChannel channel, FileLock lock) {

        /**
         * Folders locked by this JVM. Checked before touching the lock file: closing a second channel on
         * a locked file would drop this JVM's OS-level lock (POSIX record locks belong to the process).
         */
        private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

        static DataFolderLock acquire(Path dataDir) {
            if (!HELD.add(dataDir)) {
                throw new StandaloneStartException("data folder " + dataDir + " is already in use in this JVM");
            }
            Path file = dataDir.resolve(LOCK_FILE);
            FileChannel channel = null;
            try {
                Files.createDirectories(dataDir);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                    throw new StandaloneStartException("data folder " + dataDir
                            + " is in use by another running hub (pid " + holder + ")");
                }
                channel.truncate(0);
                channel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())));
                return new DataFolderLock(dataDir, channel, lock);
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                HELD.remove(dataDir);
                throw new StandaloneStartException("data folder " + dataDir + " is already in use in this JVM", e);
            } catch (IOException e) {
                closeQuietly(channel);
                HELD.remove(dataDir);
                throw new StandaloneStartException("cannot lock data folder " + dataDir, e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                HELD.remove(dataDir);
                throw e;
            }
        }

        void release() {
            closeQuietly(channel); // closing the channel releases the lock
            HELD.remove(dataDir);
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    log.debug("closing lock file", e);
                }
            }
        }
    }
}
