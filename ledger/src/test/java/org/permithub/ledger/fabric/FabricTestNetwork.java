package org.permithub.ledger.fabric;

import java.nio.file.Path;
import java.time.Duration;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.fabric.testpeer.FabricTestPeer;
import org.permithub.ledger.fabric.testpeer.TestIdentity;

/**
 * One organisation (Org1MSP, with its CA), a test peer for it and a client identity whose PEM files are
 * written to a temporary directory, plus settings for the back-end under test.
 */
final class FabricTestNetwork implements AutoCloseable {

    static final String MSP_ID = "Org1MSP";

    /** Short deadlines and quick retries: every failure in these tests is local and fast. */
    static final FabricLedgerSettings.Deadlines TEST_DEADLINES =
            new FabricLedgerSettings.Deadlines(
                    Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(10));

    static final FabricLedgerSettings.RetryPolicy TEST_RETRY =
            new FabricLedgerSettings.RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100));

    final TestIdentity organisation;
    final TestIdentity client;
    final TestIdentity.Pems clientPems;
    final FabricTestPeer peer;
    final Path directory;

    FabricTestNetwork(Path directory, FabricTestPeer.Config config) {
        this.directory = directory;
        this.organisation = config.organisation();
        this.client = organisation.issue("permit-hub");
        this.clientPems = client.writePems(directory.resolve("client"));
        this.peer = FabricTestPeer.start(config);
    }

    static FabricTestNetwork start(Path directory) {
        final TestIdentity organisation = TestIdentity.generate(MSP_ID, "ca.org1.example.com");
        return new FabricTestNetwork(directory, FabricTestPeer.config(organisation));
    }

    /** Plaintext settings for the client identity. */
    FabricLedgerSettings settings() {
        return FabricLedgerSettings.of(
                        peer.endpoint(),
                        peer.channel(),
                        peer.chaincodeName(),
                        MSP_ID,
                        clientPems.certificate(),
                        clientPems.privateKey())
                .withDeadlines(TEST_DEADLINES)
                .withRetry(TEST_RETRY);
    }

    /** Settings for another identity, its PEMs written under {@code name}. */
    FabricLedgerSettings settingsFor(TestIdentity identity, String name) {
        final TestIdentity.Pems pems = identity.writePems(directory.resolve(name));
        return settings().withIdentity(identity.mspId(), pems.certificate(), pems.privateKey());
    }

    @Override
    public void close() {
        peer.close();
    }

    static String root(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    static BatchAnchor batch(String id, char rootDigit, long first, long last, String previous) {
        return new BatchAnchor(id, root(rootDigit), last - first + 1, first, last, previous);
    }
}
