package org.permithub.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ChaincodeServerMainTest {

    @Test
    void parses_host_and_port() {
        assertThat(ChaincodeServerMain.parseAddress("0.0.0.0:9999")).isEqualTo(new InetSocketAddress("0.0.0.0", 9999));
        assertThat(ChaincodeServerMain.parseAddress(" [::1]:7052 ").getPort()).isEqualTo(7052);
    }

    @Test
    void refuses_an_address_without_port() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaincodeServerMain.parseAddress("localhost"))
                .withMessageContaining("CHAINCODE_SERVER_ADDRESS");
    }

    @Test
    void names_the_missing_environment_variable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChaincodeServerMain.create(Map.of("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:9999")))
                .withMessageContaining("CORE_CHAINCODE_ID_NAME");
    }

    @Test
    void serves_chaincode_on_the_configured_address() throws Exception {
        final int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        final ChaincodeServerMain.Server server = ChaincodeServerMain.create(Map.of(
                "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port, "CORE_CHAINCODE_ID_NAME", "permitanchor_1.0:abc"));
        final CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                server.router().startRouterWithChaincodeServer(server.chaincodeServer());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return socket.isConnected();
                }
            });
        } finally {
            server.chaincodeServer().stop();
        }
        // start() blocks until stop(), so the call returns once the server is down.
        running.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
}
