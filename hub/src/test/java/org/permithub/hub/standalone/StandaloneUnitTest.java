package org.permithub.hub.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The parts of standalone mode that need no running server. */
class StandaloneUnitTest {

    @TempDir
    Path dataDir;

    @Test
    void settings_bind_from_the_environment_with_defaults_and_relaxed_names() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("permit-hub.data-dir", dataDir.toString())
                .withProperty("permit-hub.standalone.postgres-port", "5433")
                .withProperty("PERMIT_HUB_STANDALONE_MQTT_PORT", "0")
                .withProperty("permit-hub.standalone.simulators", "erp,door-access")
                .withProperty("permit-hub.standalone.start-timeout", "45s");

        StandaloneSettings settings = StandaloneSettings.from(env);

        assertThat(settings.dataDir()).isEqualTo(dataDir.toAbsolutePath());
        assertThat(settings.postgresPort()).isEqualTo(5433);
        assertThat(settings.kafkaPort()).isEqualTo(StandaloneSettings.DEFAULT_KAFKA_PORT);
        assertThat(settings.kafkaControllerPort()).isZero();
        assertThat(settings.kafkaPartitions()).isEqualTo(3);
        assertThat(settings.simulators()).containsExactly("erp", "door-access");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(StandaloneSettings.from(new MockEnvironment()).simulators())
                .containsExactlyElementsOf(StandaloneSettings.DEFAULT_SIMULATORS);
        assertThat(StandaloneSettings.from(new MockEnvironment()).dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void mode_auto_means_standalone_unless_a_datasource_url_is_set() {
        assertThat(StandaloneMode.resolve(new MockEnvironment())).isEqualTo(StandaloneMode.Mode.STANDALONE);
        assertThat(StandaloneMode.resolve(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x")))
                .isEqualTo(StandaloneMode.Mode.PRODUCTION);
        assertThat(StandaloneMode.resolve(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/x")
                .withProperty("permit-hub.mode", "Standalone"))).isEqualTo(StandaloneMode.Mode.STANDALONE);
    }

    @Test
    void cli_commands_are_recognised_by_the_first_non_option_argument() {
        assertThat(StandaloneMode.isCliCommand(List.of("token", "--role", "regulator"))).isTrue();
        assertThat(StandaloneMode.isCliCommand(List.of("--spring.profiles.active=x", "verify"))).isTrue();
        assertThat(StandaloneMode.isCliCommand(List.of("routes"))).isTrue();
        assertThat(StandaloneMode.isCliCommand(List.of())).isFalse();
        assertThat(StandaloneMode.isCliCommand(List.of("--server.port=9090"))).isFalse();
        assertThat(StandaloneMode.isCliCommand(List.of("serve", "token"))).isFalse();
    }

    @Test
    void a_fixed_port_in_use_fails_at_once_naming_the_property_and_releases_the_folder() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            StandaloneSettings settings = new StandaloneSettings(dataDir, taken.getLocalPort(), 0, 0, 0, 3,
                    List.of(), Duration.ofSeconds(30));

            assertThatThrownBy(() -> StandaloneServers.begin(settings, line -> { }))
                    .isInstanceOf(StandaloneStartException.class)
                    .hasMessageContaining("permit-hub.standalone.postgres-port");
        }
        assertFolderLockFree();
    }

    @Test
    void a_data_folder_held_by_another_process_is_refused() throws Exception {
        Files.createDirectories(dataDir);
        // another JVM would hold this lock; in this JVM an overlapping lock is refused the same way
        try (FileChannel channel = FileChannel.open(dataDir.resolve(StandaloneServers.LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> StandaloneServers.begin(
                    StandaloneSettings.defaults(dataDir).withFreePorts(), line -> { }))
                    .isInstanceOf(StandaloneStartException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void a_stale_pid_file_of_a_dead_process_is_left_to_postgres() throws Exception {
        Path postgres = Files.createDirectories(dataDir.resolve("postgres"));
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(postgres.resolve(StalePostmaster.PID_FILE), finished.pid() + "\n" + postgres + "\n");

        StalePostmaster.stopOrphan(postgres, Duration.ofSeconds(5));

        assertThat(postgres.resolve(StalePostmaster.PID_FILE)).exists();
    }

    @Test
    void a_pid_file_naming_a_live_process_that_is_not_postgres_is_removed_and_the_process_untouched() throws Exception {
        Path postgres = Files.createDirectories(dataDir.resolve("postgres"));
        long self = ProcessHandle.current().pid(); // a java process, alive
        Files.writeString(postgres.resolve(StalePostmaster.PID_FILE), self + "\n" + postgres + "\n");

        StalePostmaster.stopOrphan(postgres, Duration.ofSeconds(5));

        assertThat(postgres.resolve(StalePostmaster.PID_FILE)).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    private void assertFolderLockFree() throws Exception {
        try (FileChannel channel = FileChannel.open(dataDir.resolve(StandaloneServers.LOCK_FILE), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            assertThat(lock).isNotNull();
        }
    }
}
