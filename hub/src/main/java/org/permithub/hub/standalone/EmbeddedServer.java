package org.permithub.hub.standalone;

import java.nio.file.Path;
import java.time.Duration;

/** One real server started by {@link StandaloneServers}. */
public interface EmbeddedServer extends AutoCloseable {

    /** Short human name, e.g. "PostgreSQL". */
    String name();

    /** Where clients reach it, as a URL or host:port. */
    String address();

    /** Where it keeps its data; {@code null} when it keeps none. */
    Path dataDir();

    /** How long {@code start} took. */
    Duration startTime();

    /** Stops the server; safe to call twice. */
    @Override
    void close();

    /** The line printed at start-up. */
    default String describe() {
        return String.format("%-20s listening on %-46s data in %s (started in %d ms)",
                name(), address(), dataDir() == null ? "-" : dataDir(), startTime().toMillis());
    }
}
