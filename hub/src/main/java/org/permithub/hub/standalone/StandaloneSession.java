package org.permithub.hub.standalone;

import java.util.List;

/**
 * What one {@code SpringApplication.run} knows about standalone mode, shared through its bootstrap context
 * between {@link StandaloneRunListener} (which sees the program arguments and a failed start) and
 * {@link StandaloneEnvironmentPostProcessor} (which starts the servers).
 */
final class StandaloneSession {

    private final List<String> args;
    private volatile StandaloneServers servers;

    StandaloneSession(List<String> args) {
        this.args = List.copyOf(args);
    }

    List<String> args() {
        return args;
    }

    StandaloneServers servers() {
        return servers;
    }

    void servers(StandaloneServers servers) {
        this.servers = servers;
    }

    /** Stops the servers if this run started any; idempotent. */
    void closeServers() {
        StandaloneServers started = servers;
        if (started != null) {
            started.close();
        }
    }
}
