package org.permithub.connectors.guard;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The threads every connector Kamelet's circuit breaker runs its timed calls on
 * ({@code timeoutExecutorService: connectorCallPool}, bound in Camel's registry only: as a Spring
 * bean it would replace Boot's task executor, which platform-http needs). Without it Camel takes its
 * default profile (10–20 threads, a queue of 1000, CallerRuns): when a slow service fills it, calls
 * run on the caller's thread where no timeout fires (CAMEL-27443). Here a full pool refuses at once
 * (AbortPolicy), which the calling route treats like any failure of the remote system (retried
 * later; a credential check leaves the worker PENDING).
 */
@Component
public class ConnectorCallPool implements CamelContextConfiguration {

    public static final String POOL = "connectorCallPool";

    private final ExecutorService pool;

    public ConnectorCallPool(@Value("${permit-hub.connectors.call-threads:200}") int threads) {
        AtomicInteger serial = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "connector-call-" + serial.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        context.getRegistry().bind(POOL, pool);
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        // nothing once started
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
