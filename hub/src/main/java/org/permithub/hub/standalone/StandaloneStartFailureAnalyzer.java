package org.permithub.hub.standalone;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Registered in META-INF/spring.factories: turns a failed standalone start (port taken, data folder used
 * by another hub, a server that did not come up) into Boot's short "APPLICATION FAILED TO START" report
 * instead of a stack trace.
 */
public class StandaloneStartFailureAnalyzer extends AbstractFailureAnalyzer<StandaloneStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StandaloneStartException cause) {
        return new FailureAnalysis(
                "Standalone mode could not start its embedded servers: " + cause.getMessage(),
                "Stop the other hub using the same ports or data folder, or choose others with "
                        + "permit-hub.standalone.postgres-port, kafka-port, mqtt-port (0 = any free port) and "
                        + "permit-hub.data-dir; the server logs are under the data folder (postgres.log). "
                        + "To use external servers instead set permit-hub.mode=production and spring.datasource.url.",
                cause);
    }
}
