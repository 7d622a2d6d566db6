package org.permithub.hub.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Spring wiring of standalone mode, on a bare application (no auto-configuration, so only the
 * standalone machinery runs): mode resolution, the published addresses, the bean, and that the servers
 * stop with the context, also when it fails to start.
 */
class StandaloneSpringWiringTest {

    /**
     * One data folder for the tests that start servers: only the first pays for initdb and the other
     * first-time set-up, the others (re)start on it, as a hub does every day.
     */
    @TempDir
    static Path sharedDataDir;

    /** For the tests that must not start anything: stays empty. */
    @TempDir
    Path emptyDataDir;

    private Path dataDir;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeAll
    static void quiet() {
        QuietLogs.apply();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(ConfigurableApplicationContext::close);
        StandaloneMode.enable();
    }

    @Configuration(proxyBeanMethods = false)
    static class Bare {
    }

    /** Fails the context refresh after having been handed the servers. */
    @Configuration(proxyBeanMethods = false)
    static class FailingRefresh {
        static final AtomicReference<StandaloneServers> SEEN = new AtomicReference<>();

        @Bean
        String failing(StandaloneServers servers) {
            SEEN.set(servers);
            throw new IllegalStateException("bean creation fails on purpose");
        }
    }

    /**
     * The properties become command-line arguments: they must outrank the hub's application.yml, which is on
     * this classpath too (SpringApplicationBuilder.properties would only set defaults).
     */
    private ConfigurableApplicationContext run(Class<?> config, List<String> args, String... properties) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("permit-hub.data-dir", dataDir.toString());
        all.put("permit-hub.standalone.postgres-port", "0");
        all.put("permit-hub.standalone.kafka-port", "0");
        all.put("permit-hub.standalone.mqtt-port", "0");
        all.put("permit-hub.standalone.simulators", "erp,door-access");
        for (String property : properties) {
            String[] nameAndValue = property.split("=", 2);
            all.put(nameAndValue[0], nameAndValue[1]);
        }
        List<String> commandLine = new ArrayList<>(args);
        all.forEach((name, value) -> commandLine.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(config)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(commandLine.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private ConfigurableApplicationContext run(Class<?> config, String... properties) {
        return run(config, List.of(), properties);
    }

    @Test
    void standalone_mode_publishes_the_server_addresses_and_a_restart_on_the_same_folder_keeps_the_data() throws Exception {
        dataDir = sharedDataDir;
        ConfigurableApplicationContext first = run(Bare.class, "permit-hub.mode=standalone");
        StandaloneServers servers = first.getBean(StandaloneEnvironmentPostProcessor.BEAN_NAME, StandaloneServers.class);
        Environment env = first.getEnvironment();

        assertThat(env.getProperty("permit-hub.mode")).isEqualTo("standalone");
        assertThat(env.getProperty(StandaloneMode.SERVERS_STARTED_PROPERTY)).isEqualTo("true");
        String jdbcUrl = env.getProperty("spring.datasource.url");
        assertThat(jdbcUrl).isEqualTo("jdbc:postgresql://localhost:" + servers.postgres().port() + "/permithub");
        String kafka = "localhost:" + servers.kafka().port();
        assertThat(env.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(kafka);
        assertThat(env.getProperty("camel.component.kafka.brokers")).isEqualTo(kafka);
        assertThat(env.getProperty("permit-hub.kafka.bootstrap-servers")).isEqualTo(kafka);
        String mqtt = "tcp://localhost:" + servers.mqtt().port();
        assertThat(env.getProperty("permit-hub.mqtt.broker-url")).isEqualTo(mqtt);
        assertThat(env.getProperty("camel.component.paho-mqtt5.broker-url")).isEqualTo(mqtt);
        assertThat(env.getProperty("permit-hub.simulators.erp.url"))
                .isEqualTo("http://localhost:" + servers.simulators().get("erp").port());
        assertThat(env.getProperty("permit-hub.simulators.door-access.url"))
                .isEqualTo("http://localhost:" + servers.simulators().get("door-access").port());
        List<String> sources = first.getEnvironment().getPropertySources().stream().map(p -> p.getName()).toList();
        assertThat(sources.indexOf(StandaloneEnvironmentPostProcessor.PROPERTY_SOURCE))
                .as("outranks even the command line: %s", sources)
                .isLessThan(sources.indexOf("commandLineArgs"));

        try (Connection c = connect(env); Statement s = c.createStatement()) {
            s.execute("create table if not exists kept (id int primary key)");
            s.execute("delete from kept");
            s.execute("insert into kept values (42)");
        }

        first.close();
        assertThat(servers.isClosed()).isTrue();
        assertNotListening(servers.endpoints().postgresPort(), servers.endpoints().kafkaPort(),
                servers.endpoints().mqttPort());

        ConfigurableApplicationContext second = run(Bare.class, "permit-hub.mode=standalone");
        try (Connection c = connect(second.getEnvironment()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void a_cli_subcommand_starts_no_servers() {
        dataDir = emptyDataDir;
        ConfigurableApplicationContext context = run(Bare.class, List.of("token", "--role", "regulator"));

        assertThat(context.getEnvironment().getProperty("permit-hub.mode")).isEqualTo("standalone");
        assertThat(context.getEnvironment().getProperty(StandaloneMode.SERVERS_STARTED_PROPERTY)).isEqualTo("false");
        assertThat(context.containsBean(StandaloneEnvironmentPostProcessor.BEAN_NAME)).isFalse();
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void the_disable_flag_starts_no_servers() {
        dataDir = emptyDataDir;
        StandaloneMode.disable();
        ConfigurableApplicationContext context = run(Bare.class, "permit-hub.mode=standalone");

        assertThat(context.containsBean(StandaloneEnvironmentPostProcessor.BEAN_NAME)).isFalse();
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void auto_mode_with_a_datasource_url_is_production_and_starts_nothing() {
        dataDir = emptyDataDir;
        String external = "jdbc:postgresql://db.example.internal:5432/permithub";
        ConfigurableApplicationContext context = run(Bare.class, "spring.datasource.url=" + external);

        Environment env = context.getEnvironment();
        assertThat(env.getProperty("permit-hub.mode")).isEqualTo("production");
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo(external);
        assertThat(context.containsBean(StandaloneEnvironmentPostProcessor.BEAN_NAME)).isFalse();
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void an_unknown_mode_is_rejected() {
        dataDir = emptyDataDir;
        assertThatThrownBy(() -> run(Bare.class, "permit-hub.mode=embedded"))
                .hasStackTraceContaining("permit-hub.mode must be standalone, production or auto");
    }

    @Test
    void a_taken_port_fails_the_start_at_once_naming_the_property() throws Exception {
        dataDir = emptyDataDir;
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThatThrownBy(() -> run(Bare.class, "permit-hub.mode=standalone",
                    "permit-hub.standalone.mqtt-port=" + taken.getLocalPort()))
                    .isInstanceOf(StandaloneStartException.class)
                    .hasMessageContaining("permit-hub.standalone.mqtt-port");
        }
    }

    @Test
    void when_the_context_fails_to_refresh_the_servers_are_stopped() {
        dataDir = sharedDataDir;
        assertThatThrownBy(() -> run(FailingRefresh.class, "permit-hub.mode=standalone"))
                .hasStackTraceContaining("bean creation fails on purpose");

        StandaloneServers servers = FailingRefresh.SEEN.get();
        assertThat(servers).isNotNull();
        assertThat(servers.isClosed()).isTrue();
        assertNotListening(servers.endpoints().postgresPort(), servers.endpoints().kafkaPort(),
                servers.endpoints().mqttPort());
    }

    @Test
    void when_the_start_fails_before_a_context_exists_the_servers_are_stopped() throws Exception {
        dataDir = sharedDataDir;
        int postgres;
        int kafka;
        int mqtt;
        try (FreePorts ports = new FreePorts()) {
            postgres = ports.choose(0, "postgres");
            kafka = ports.choose(0, "kafka");
            mqtt = ports.choose(0, "mqtt");
        }
        // binding spring.main.* onto the application happens after the post-processors ran: the servers
        // are starting already when this fails, and no application context was created
        assertThatThrownBy(() -> run(Bare.class, "permit-hub.mode=standalone",
                "permit-hub.standalone.postgres-port=" + postgres, "permit-hub.standalone.kafka-port=" + kafka,
                "permit-hub.standalone.mqtt-port=" + mqtt, "spring.main.web-application-type=no-such-type"))
                .hasStackTraceContaining("no-such-type");

        assertNotListening(postgres, kafka, mqtt);
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        try (FileChannel channel = FileChannel.open(dataDir.resolve(StandaloneServers.LOCK_FILE), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            assertThat(lock).as("data folder lock released").isNotNull();
        }
    }

    private static Connection connect(Environment env) throws Exception {
        return DriverManager.getConnection(env.getRequiredProperty("spring.datasource.url"),
                env.getRequiredProperty("spring.datasource.username"),
                env.getRequiredProperty("spring.datasource.password"));
    }

    private static void assertNotListening(int... ports) {
        for (int port : ports) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                throw new AssertionError("port " + port + " still accepts connections");
            } catch (IOException expected) {
                // refused: nothing listens any more
            }
        }
    }
}
