package org.permithub.hub.standalone;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Registered in META-INF/spring.factories. Resolves {@code permit-hub.mode}; in standalone mode starts
 * {@link StandaloneServers} and points Spring, Camel and the hub's own properties at them through a
 * property source named {@value #PROPERTY_SOURCE} that overrides every other source.
 *
 * <p>The servers begin to start here, in background threads, with their ports already chosen: their
 * addresses are in the environment before any bean reads them, and Spring parses its configuration while
 * they start (on a small machine that overlap is seconds of start-up time). A bean factory post-processor
 * waits for them before the first bean is created, so no bean ever sees a server that is not up yet.
 *
 * <p>They become the singleton bean {@value #BEAN_NAME}; it is registered before every other bean and so
 * destroyed after all of them when the context closes, i.e. the database and brokers outlive the pools and
 * consumers that use them. A start that fails is handled by {@link StandaloneRunListener}.
 */
public class StandaloneEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE = "permit-hub-standalone";
    /** Lowest precedence: quieter logging of the embedded servers, overridable by any configuration. */
    public static final String DEFAULTS_PROPERTY_SOURCE = "permit-hub-standalone-defaults";
    public static final String BEAN_NAME = "standaloneServers";

    /** Loggers of the embedded servers, which are chatty at INFO; WARN unless configured otherwise. */
    static final List<String> QUIET_LOGGERS = List.of(
            "kafka", "state.change.logger", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.server",
            "org.apache.kafka.storage", "org.apache.kafka.coordinator", "org.apache.kafka.queue",
            "org.apache.kafka.snapshot", "org.apache.kafka.common.utils.AppInfoParser",
            "com.hivemq", "jetbrains.exodus", "oshi",
            "org.apache.kafka.common.metrics", "io.zonky.test", "com.github.tomakehurst.wiremock", "wiremock",
            "WireMock");

    // Logging is not initialised yet while environment post-processors run: Boot's deferred log replays
    // these lines once it is. (It is commons-logging by Boot's API; everything else here uses slf4j.)
    private final Log log;
    private final ConfigurableBootstrapContext bootstrapContext;

    public StandaloneEnvironmentPostProcessor(DeferredLogFactory logFactory, ConfigurableBootstrapContext bootstrapContext) {
        this.log = logFactory.getLog(StandaloneEnvironmentPostProcessor.class);
        this.bootstrapContext = bootstrapContext;
    }

    /** After the config data (application.yml, profiles) is loaded, so the mode and ports can come from it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return; // this environment was already handled (post-processors can run twice on one environment)
        }
        StandaloneMode.Mode mode = StandaloneMode.resolve(environment);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(StandaloneMode.MODE_PROPERTY, mode.value());
        properties.put(StandaloneMode.SERVERS_STARTED_PROPERTY, false);
        if (mode == StandaloneMode.Mode.STANDALONE) {
            StandaloneSession session = bootstrapContext.isRegistered(StandaloneSession.class)
                    ? bootstrapContext.get(StandaloneSession.class)
                    : new StandaloneSession(List.of());
            if (StandaloneMode.isDisabled() || StandaloneMode.isCliCommand(session.args())) {
                log.debug("Standalone mode: command-line run, embedded servers not started");
            } else {
                StandaloneServers servers = startServers(environment, session);
                properties.put(StandaloneMode.SERVERS_STARTED_PROPERTY, true);
                properties.putAll(connectionProperties(servers.endpoints()));
                environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_PROPERTY_SOURCE, quietLogging()));
            }
        } else {
            log.info("Mode " + mode.value() + ": no embedded servers, using the configured external endpoints");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private StandaloneServers startServers(ConfigurableEnvironment environment, StandaloneSession session) {
        StandaloneSettings settings = StandaloneSettings.from(environment);
        log.info("Standalone mode: starting embedded servers, data folder " + settings.dataDir());
        StandaloneServers servers = StandaloneServers.begin(settings, log::info);
        session.servers(servers);
        bootstrapContext.register(StandaloneServers.class, InstanceSupplier.of(servers));
        // the bootstrap context closes when the application context is prepared, before any bean is defined
        bootstrapContext.addCloseListener(event -> registerBean(event.getApplicationContext(), servers));
        return servers;
    }

    private void registerBean(ConfigurableApplicationContext context, StandaloneServers servers) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, servers);
        // a registered singleton is not destroyed by default; as the first disposable it is destroyed last
        ((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, servers::close);
        // runs after the configuration classes are parsed and before any other bean is created
        context.addBeanFactoryPostProcessor(factory -> {
            long waiting = System.nanoTime();
            servers.awaitReady();
            log.info("Waited " + Duration.ofNanos(System.nanoTime() - waiting).toMillis()
                    + " ms for the standalone servers after the configuration was parsed");
        });
    }

    /** The addresses of the embedded servers under every property name the hub, Spring and Camel read. */
    static Map<String, Object> connectionProperties(StandaloneEndpoints endpoints) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", endpoints.jdbcUrl());
        p.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        p.put("spring.datasource.password", EmbeddedPostgresServer.PASSWORD);
        String kafka = endpoints.kafkaBootstrapServers();
        p.put("spring.kafka.bootstrap-servers", kafka);
        p.put("camel.component.kafka.brokers", kafka);
        p.put("permit-hub.kafka.bootstrap-servers", kafka);
        String mqtt = endpoints.mqttBrokerUrl();
        p.put("permit-hub.mqtt.broker-url", mqtt);
        p.put("camel.component.paho-mqtt5.broker-url", mqtt);
        endpoints.simulatorUrls().forEach((name, url) -> p.put("permit-hub.simulators." + name + ".url", url));
        return p;
    }

    private static Map<String, Object> quietLogging() {
        Map<String, Object> p = new LinkedHashMap<>();
        QUIET_LOGGERS.forEach(logger -> p.put("logging.level." + logger, "WARN"));
        return p;
    }
}
