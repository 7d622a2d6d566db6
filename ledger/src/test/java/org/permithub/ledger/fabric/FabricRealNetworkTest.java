package org.permithub.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.client.Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.LedgerException;

/**
 * The same scenario as {@link FabricLedgerBackendTest}, against a real Fabric network with the PermitAnchor
 * chaincode deployed. Runs only when {@code FABRIC_PEER_ENDPOINT} is set; see ledger/README.md, section
 * "Fabric back-end", for the variables and a fabric-samples test-network setup.
 *
 * <p>The ledger keeps what this test writes, so each run continues the chain from the latest batch.
 */
@EnabledIfEnvironmentVariable(named = "FABRIC_PEER_ENDPOINT", matches = ".+")
class FabricRealNetworkTest {

    @TempDir
    Path directory;

    private FabricLedgerSettings settings;
    private FabricLedgerBackend backend;

    /** Reads the FABRIC_* variables; FABRIC_KEY_PATH and FABRIC_CERT_PATH may name MSP folders. */
    static FabricLedgerSettings settingsFromEnvironment(Map<String, String> env) {
        final FabricLedgerSettings plain = FabricLedgerSettings.of(
                required(env, "FABRIC_PEER_ENDPOINT"),
                env.getOrDefault("FABRIC_CHANNEL", "mychannel"),
                env.getOrDefault("FABRIC_CHAINCODE", "permitanchor"),
                env.getOrDefault("FABRIC_MSP_ID", "Org1MSP"),
                Path.of(required(env, "FABRIC_CERT_PATH")),
                Path.of(required(env, "FABRIC_KEY_PATH")));
        final String tlsCa = env.get("FABRIC_TLS_CA_CERT_PATH");
        return tlsCa == null || tlsCa.isBlank() ? plain : plain.withTls(Path.of(tlsCa), env.get("FABRIC_PEER_HOST_ALIAS"));
    }

    private static String required(Map<String, String> env, String name) {
        final String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set for the real-network test");
        }
        return value;
    }

    @BeforeEach
    void connect() {
        settings = settingsFromEnvironment(System.getenv());
        backend = new FabricLedgerBackend(settings);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    /** The next batch of the chain: it follows whatever the ledger holds now. */
    private BatchAnchor nextBatch() {
        final Optional<BatchAnchor> latest = backend.latestBatch();
        final long first = latest.map(b -> b.lastSequence() + 1).orElse(1L);
        final String id = "it-" + UUID.randomUUID();
        final String root = HexFormat.of().formatHex(Hash.sha256(id.getBytes(StandardCharsets.UTF_8)));
        return new BatchAnchor(id, root, 3, first, first + 2, latest.map(BatchAnchor::batchId).orElse(null));
    }

    private static BatchAnchor withRoot(BatchAnchor batch, String root) {
        return new BatchAnchor(
                batch.batchId(), root, batch.size(), batch.firstSequence(), batch.lastSequence(), batch.previousBatchId());
    }

    @Test
    void anchors_reads_back_retries_idempotently_and_refuses_a_conflicting_root() {
        final BatchAnchor batch = nextBatch();

        final AnchorReceipt receipt = backend.anchor(batch);
        final AnchorReceipt retried = backend.anchor(batch);
        final LedgerException conflict = catchThrowableOfType(
                LedgerException.class,
                () -> backend.anchor(withRoot(batch, "0".repeat(64))));

        assertThat(receipt.blockNumber()).isPositive();
        assertThat(backend.batch(batch.batchId())).contains(batch);
        assertThat(retried).isEqualTo(receipt);
        assertThat(conflict.code()).isEqualTo(LedgerException.Code.BATCH_CONFLICT);
    }

    @Test
    void wrong_channel_chaincode_and_arguments_fail() {
        final FabricLedgerSettings.RetryPolicy once = new FabricLedgerSettings.RetryPolicy(1, Duration.ZERO, Duration.ZERO);
        final BatchAnchor batch = nextBatch();

        try (FabricLedgerBackend wrongChannel =
                        new FabricLedgerBackend(settings.withChannel("no-such-channel").withRetry(once));
                FabricLedgerBackend wrongChaincode =
                        new FabricLedgerBackend(settings.withChaincodeName("no-such-chaincode").withRetry(once))) {
            assertThat(catchThrowableOfType(LedgerException.class, () -> wrongChannel.anchor(batch)).code())
                    .isEqualTo(LedgerException.Code.UNAVAILABLE);
            assertThat(catchThrowableOfType(LedgerException.class, () -> wrongChaincode.anchor(batch)).code())
                    .isEqualTo(LedgerException.Code.REJECTED);
        }
        final LedgerException badSize = catchThrowableOfType(
                LedgerException.class,
                () -> backend.anchor(new BatchAnchor(
                        batch.batchId(),
                        batch.merkleRoot(),
                        99,
                        batch.firstSequence(),
                        batch.lastSequence(),
                        batch.previousBatchId())));
        assertThat(badSize.code()).isEqualTo(LedgerException.Code.REJECTED);
        assertThat(badSize).hasMessageContaining("INVALID_ARGUMENT");
        assertThat(backend.batch(batch.batchId())).isEmpty();
    }

    @Test
    void the_listener_receives_the_anchored_batch() {
        final BatchAnchor batch = nextBatch();
        final AnchorReceipt receipt = backend.anchor(batch);
        final List<BatchAnchoredEvent> received = new CopyOnWriteArrayList<>();

        try (BatchAnchoredListener listener =
                backend.batchAnchoredListener(directory.resolve("checkpoint"), receipt.blockNumber(), received::add)) {
            listener.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> received.stream().anyMatch(e -> e.batch().batchId().equals(batch.batchId())));
        }
        assertThat(received).filteredOn(e -> e.batch().batchId().equals(batch.batchId()))
                .singleElement()
                .isEqualTo(new BatchAnchoredEvent(batch, receipt));
    }
}
