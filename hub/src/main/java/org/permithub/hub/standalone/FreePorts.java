package org.permithub.hub.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the ports of the standalone servers before they start. "0 = any free port" has to be resolved
 * up front: Kafka's static controller quorum and HiveMQ's config file need the number before the server
 * starts, and the Spring environment needs every address before the servers are up.
 *
 * <p>Each chosen port stays bound until {@link #close()}, so one set of choices never contains a port
 * twice; the servers bind right after.
 */
final class FreePorts implements AutoCloseable {

    private final List<ServerSocket> held = new ArrayList<>();

    /** {@code requested} itself (checked to be free now), or a free loopback port when it is 0. */
    int choose(int requested, String property) {
        if (requested < 0 || requested > 65535) {
            throw new StandaloneStartException(property + " out of range: " + requested);
        }
        try {
            ServerSocket socket = new ServerSocket();
            held.add(socket);
            socket.setReuseAddress(true); // as the servers do: a port in TIME_WAIT is fine
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requested), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            // a fixed port that is taken: fail now, naming the setting, not later in the server
            // (PostgreSQL would only give up after its whole start-up wait)
            throw new StandaloneStartException("port " + requested + " is in use; set " + property
                    + " to another port (0 = any free port)", e);
        }
    }

    /** A free loopback port, for a one-off use outside a set of choices. */
    static int any() {
        try (FreePorts ports = new FreePorts()) {
            return ports.choose(0, "port");
        }
    }

    @Override
    public void close() {
        for (ServerSocket socket : held) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        held.clear();
    }
}
