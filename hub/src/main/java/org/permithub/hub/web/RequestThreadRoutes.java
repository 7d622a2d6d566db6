package org.permithub.hub.web;

import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the Camel REST routes (platform-http: the regulator, intake, partner, access and admin
 * APIs) on the servlet container's request thread.
 *
 * <p>Camel's Spring Boot engine otherwise hands every request to Spring's
 * {@code applicationTaskExecutor}: 8 threads and an unbounded queue, shared by every API. When
 * those 8 were slow (a CPU-starved machine, a slow query) every other API request waited in that
 * queue, for seconds, while endpoints outside Camel on the same server still answered in
 * milliseconds (issue 7's live-status benchmark: p50 6.3 s vs 6 ms). On the request thread the
 * one limit is Tomcat's pool ({@code server.tomcat.threads.max}, 200; then the database pool),
 * and a request no longer waits for a second thread to be scheduled.
 */
@Configuration(proxyBeanMethods = false)
class RequestThreadRoutes {

    /** Replaces the auto-configured engine by one whose consumers run the route where they are called. */
    @Bean
    static BeanPostProcessor platformHttpOnRequestThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof SpringBootPlatformHttpEngine engine
                        ? new SpringBootPlatformHttpEngine(engine.getServerPort(), Runnable::run)
                        : bean;
            }
        };
    }
}
