package org.permithub.hub.standalone;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/** Outside a Spring application nobody applies the hub's quiet levels for the embedded servers; tests do. */
final class QuietLogs {

    private QuietLogs() {
    }

    static void apply() {
        LoggingSystem logging = LoggingSystem.get(QuietLogs.class.getClassLoader());
        StandaloneEnvironmentPostProcessor.QUIET_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.WARN));
        // the clients used by the tests print their whole configuration at INFO
        logging.setLogLevel("org.apache.kafka", LogLevel.WARN);
    }
}
