package org.permithub.hub.routes;

import java.nio.file.Path;

/**
 * Who wrote a route file, and so which rules {@link RouteValidator} applies (routes/README.md).
 * {@link #HUB}: the hub's own files of {@code permit-hub.routes-dir}, reviewed with the hub's code;
 * they may call the hub's beans and internal routes ({@code permit-hub.routes.*}). {@link #TEAM}:
 * everything else (the extra folder, the admin API, the CLI by default); it reaches the hub only
 * through Kamelets and may not touch the hub's beans, internal routes, topics, consumer groups or
 * MQTT command topics ({@code permit-hub.routes.team.*} on top of the common rules).
 */
public enum RouteOrigin {
    HUB, TEAM;

    /**
     * By folder: a file directly in the hub's routes folder is {@link #HUB}; a file elsewhere (the
     * extra folder) or a deployment of the admin API (a source that is no file) is {@link #TEAM}.
     */
    public static RouteOrigin of(String source, Path routesDir) {
        Path parent = Path.of(source).toAbsolutePath().normalize().getParent();
        boolean file = Path.of(source).isAbsolute() && parent != null;
        return file && parent.equals(routesDir.toAbsolutePath().normalize()) ? HUB : TEAM;
    }
}
