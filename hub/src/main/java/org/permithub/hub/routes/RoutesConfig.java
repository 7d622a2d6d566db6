package org.permithub.hub.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires route validation and loading; the route files load once Camel has started. */
@Configuration
@EnableConfigurationProperties(RoutesProperties.class)
class RoutesConfig {

    @Bean
    RouteValidator routeValidator(RoutesProperties properties, CamelContext camel,
            @Value("${camel.component.kamelet.location:classpath:kamelets}") String kameletLocations) {
        return new RouteValidator(properties, KameletCatalog.load(kameletLocations, RoutesConfig.class.getClassLoader()), camel);
    }

    /**
     * Autowired into the Kafka component: a consumer with {@code allowManualCommit: true} and
     * {@code autoCommitEnable: false} then commits synchronously, per partition, only the records
     * its route finished (Camel's sync commit manager; without a factory it would commit nothing).
     * The validator requires both options of every Kafka consumer in a route file.
     */
    @Bean
    KafkaManualCommitFactory kafkaManualCommitFactory() {
        return new DefaultKafkaManualCommitFactory();
    }

    /** After start: a route that fails to start then affects only its own file, never the hub's start. */
    @Bean
    CamelContextConfiguration routeFilesLoader(ObjectProvider<RouteDeployments> deployments,
            ObjectProvider<RouteFolderWatch> watch) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // nothing before start: every file is validated and loaded into the running context
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                deployments.getObject().loadAtStartup();
                watch.getObject().startIfEnabled();
            }
        };
    }
}
