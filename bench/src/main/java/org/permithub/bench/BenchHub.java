package org.permithub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What every benchmark that runs the built hub jar as a process needs. */
public final class BenchHub {

    private BenchHub() {}

    /** Waits until the hub answers {@code /actuator/health} with 200; fails if it exits or takes too long. */
    public static void awaitHealthy(HttpClient client, URI base, Process hub, Path log, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!hub.isAlive()) {
                throw new IllegalStateException("hub exited, see " + log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("hub not healthy in " + timeout);
    }

    /** A token from the jar's {@code token} command for the hub using {@code data}; {@code args} name the grant. */
    public static String token(Path jar, Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "token", "--data-dir", data.toString()));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).start();
        String token = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (cli.waitFor() != 0) {
            throw new IllegalStateException("token command failed");
        }
        return token;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
