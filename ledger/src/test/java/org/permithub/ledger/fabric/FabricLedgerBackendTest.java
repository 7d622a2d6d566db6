package org.permithub.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.permithub.ledger.fabric.FabricTestNetwork.batch;
import static org.permithub.ledger.fabric.FabricTestNetwork.root;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.LedgerException;
import org.permithub.ledger.fabric.testpeer.FabricTestPeer;
import org.permithub.ledger.fabric.testpeer.TestIdentity;

/**
 * The fabric back-end end to end: the real Gateway client over gRPC on TCP to the test peer, which runs the
 * real PermitAnchor chaincode.
 */
class FabricLedgerBackendTest {

    @TempDir
    Path directory;

    private FabricTestNetwork network;
    private FabricLedgerBackend backend;

    @BeforeEach
    void start() {
        network = FabricTestNetwork.start(directory);
        backend = new FabricLedgerBackend(network.settings());
    }

    @AfterEach
    void stop() {
        backend.close();
        network.close();
    }

    private String onLedger(String key) {
        return network.peer
                .ledger()
                .value(network.peer.chaincodeName(), key)
                .map(bytes -> bytes.toString(StandardCharsets.UTF_8))
                .orElse(null);
    }

    @Nested
    class Anchoring {

        @Test
        void anchors_a_batch_and_reads_it_back_from_the_ledger() {
            final BatchAnchor first = batch("b-1", 'a', 1, 100, null);
            final Instant before = Instant.now();

            final AnchorReceipt receipt = backend.anchor(first);

            assertThat(receipt.batchId()).isEqualTo("b-1");
            assertThat(receipt.transactionId()).matches("[0-9a-f]{64}");
            assertThat(receipt.blockNumber()).isEqualTo(1); // block 0 is the genesis block
            assertThat(receipt.anchoredAt()).isBetween(before.minusSeconds(1), Instant.now());
            assertThat(backend.batch("b-1")).contains(first);
            assertThat(backend.latestBatch()).contains(first);
            assertThat(onLedger("batch:b-1")).contains("\"merkleRoot\":\"" + root('a') + "\"");
        }

        @Test
        void chains_batches_and_reports_the_newest_as_latest() {
            final AnchorReceipt one = backend.anchor(batch("b-1", 'a', 1, 10, null));
            final BatchAnchor second = batch("b-2", 'b', 11, 15, "b-1");

            final AnchorReceipt two = backend.anchor(second);

            assertThat(two.blockNumber()).isGreaterThan(one.blockNumber());
            assertThat(backend.latestBatch()).contains(second);
            assertThat(backend.batch("b-1")).map(BatchAnchor::merkleRoot).contains(root('a'));
        }

        @Test
        void reads_nothing_for_unknown_batches_and_an_empty_ledger() {
            assertThat(backend.batch("never-anchored")).isEmpty();
            assertThat(backend.latestBatch()).isEmpty();
        }
    }

    @Nested
    class WriteOnce {

        @Test
        void a_retry_of_the_same_batch_returns_the_existing_receipt_without_a_second_transaction() {
            final BatchAnchor first = batch("b-1", 'a', 1, 100, "");
            final AnchorReceipt original = backend.anchor(first);
            final int submitted = network.peer.submissions();
            final long height = network.peer.ledger().height();

            final AnchorReceipt retried = backend.anchor(first);

            assertThat(retried).isEqualTo(original); // same transaction id, block (via qscc) and time
            assertThat(network.peer.submissions()).isEqualTo(submitted);
            assertThat(network.peer.ledger().height()).isEqualTo(height);
        }

        @Test
        void the_same_id_with_another_root_fails_with_BATCH_CONFLICT_and_changes_nothing() {
            backend.anchor(batch("b-1", 'a', 1, 100, null));

            final LedgerException e =
                    catchThrowableOfType(LedgerException.class, () -> backend.anchor(batch("b-1", 'b', 1, 100, null)));

            assertThat(e.code()).isEqualTo(LedgerException.Code.BATCH_CONFLICT);
            assertThat(e.retryable()).isFalse();
            assertThat(backend.batch("b-1")).map(BatchAnchor::merkleRoot).contains(root('a'));
        }

        @Test
        void the_same_id_and_root_with_other_sequences_is_a_conflict_too() {
            backend.anchor(batch("b-1", 'a', 1, 100, null));

            final LedgerException e =
                    catchThrowableOfType(LedgerException.class, () -> backend.anchor(batch("b-1", 'a', 1, 99, null)));

            assertThat(e.code()).isEqualTo(LedgerException.Code.BATCH_CONFLICT);
        }
    }

    @Nested
    class Refusals {

        @Test
        void a_wrong_channel_fails_as_UNAVAILABLE_like_a_real_peer_and_writes_nothing() {
            try (FabricLedgerBackend wrong = new FabricLedgerBackend(network.settings().withChannel("otherchannel"))) {
                final LedgerException e =
                        catchThrowableOfType(LedgerException.class, () -> wrong.anchor(batch("b-1", 'a', 1, 1, null)));

                assertThat(e.code()).isEqualTo(LedgerException.Code.UNAVAILABLE);
                assertThat(e).hasMessageContaining("otherchannel");
            }
            assertThat(network.peer.endorsements()).isZero();
            assertThat(network.peer.ledger().height()).isEqualTo(1);
        }

        @Test
        void a_wrong_chaincode_name_is_rejected() {
            try (FabricLedgerBackend wrong = new FabricLedgerBackend(network.settings().withChaincodeName("basic"))) {
                final LedgerException anchor =
                        catchThrowableOfType(LedgerException.class, () -> wrong.anchor(batch("b-1", 'a', 1, 1, null)));
                final LedgerException read = catchThrowableOfType(LedgerException.class, () -> wrong.batch("b-1"));

                assertThat(anchor.code()).isEqualTo(LedgerException.Code.REJECTED);
                assertThat(anchor).hasMessageContaining("FAILED_PRECONDITION").hasMessageContaining("basic");
                assertThat(read.code()).isEqualTo(LedgerException.Code.REJECTED);
            }
            assertThat(network.peer.ledger().height()).isEqualTo(1);
        }

        @Test
        void malformed_batches_are_rejected_by_the_chaincode() {
            final List<BatchAnchor> malformed = List.of(
                    new BatchAnchor("b-1", root('a'), 5, 1, 10, null), // size does not match the range
                    new BatchAnchor("b-1", "abc", 1, 1, 1, null), // not a SHA-256 root
                    new BatchAnchor("b-1", root('A'), 1, 1, 1, null), // upper-case hex
                    new BatchAnchor("b 1", root('a'), 1, 1, 1, null), // id outside the safe charset
                    new BatchAnchor("b-1", root('a'), 0, 1, 0, null)); // empty batch

            for (BatchAnchor bad : malformed) {
                final LedgerException e = catchThrowableOfType(LedgerException.class, () -> backend.anchor(bad));

                assertThat(e.code()).as(bad.toString()).isEqualTo(LedgerException.Code.REJECTED);
                assertThat(e).as(bad.toString()).hasMessageContaining("INVALID_ARGUMENT");
            }
            assertThat(network.peer.ledger().height()).isEqualTo(1);
        }

        @Test
        void a_batch_that_does_not_continue_the_chain_is_rejected() {
            backend.anchor(batch("b-1", 'a', 1, 10, null));

            final LedgerException e =
                    catchThrowableOfType(LedgerException.class, () -> backend.anchor(batch("b-3", 'c', 21, 30, "b-2")));

            assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED);
            assertThat(e).hasMessageContaining("BATCH_OUT_OF_ORDER");
        }

        @Test
        void a_client_signing_with_a_key_that_does_not_match_its_certificate_is_rejected() {
            final TestIdentity forged = network.client.withKeyOf(network.organisation.issue("intruder"));

            try (FabricLedgerBackend intruder = new FabricLedgerBackend(network.settingsFor(forged, "forged"))) {
                final LedgerException e =
                        catchThrowableOfType(LedgerException.class, () -> intruder.anchor(batch("b-1", 'a', 1, 1, null)));

                assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED);
                assertThat(e).hasMessageContaining("access denied").hasMessageContaining("does not verify");
            }
            assertThat(network.peer.endorsements()).isZero();
        }

        @Test
        void a_certificate_not_issued_by_the_organisation_is_rejected() {
            final TestIdentity stranger = TestIdentity.generate(FabricTestNetwork.MSP_ID, "self-made");

            try (FabricLedgerBackend intruder = new FabricLedgerBackend(network.settingsFor(stranger, "stranger"))) {
                final LedgerException e = catchThrowableOfType(LedgerException.class, () -> intruder.latestBatch());

                assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED);
                assertThat(e).hasMessageContaining("not issued by Org1MSP");
            }
        }

        @Test
        void an_unknown_msp_is_rejected() {
            final TestIdentity other = network.client.withMspId("Org2MSP");

            try (FabricLedgerBackend intruder = new FabricLedgerBackend(network.settingsFor(other, "org2"))) {
                final LedgerException e =
                        catchThrowableOfType(LedgerException.class, () -> intruder.anchor(batch("b-1", 'a', 1, 1, null)));

                assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED);
                assertThat(e).hasMessageContaining("Org2MSP");
            }
        }
    }

    @Nested
    class Retries {

        @Test
        void an_mvcc_conflict_is_retried_with_a_new_transaction() {
            backend.anchor(batch("b-1", 'a', 1, 10, null));
            // Another client's transaction touches the latest-batch key between our endorsement and commit.
            network.peer
                    .ledger()
                    .beforeNextCommit(ledger -> ledger.rewriteKey(network.peer.chaincodeName(), "latest-batch"));
            final int endorsedBefore = network.peer.endorsements();

            final AnchorReceipt receipt = backend.anchor(batch("b-2", 'b', 11, 20, "b-1"));

            assertThat(network.peer.endorsements() - endorsedBefore).isEqualTo(2);
            assertThat(receipt.blockNumber()).isEqualTo(network.peer.ledger().height() - 1);
            assertThat(backend.latestBatch()).map(BatchAnchor::batchId).contains("b-2");
        }

        @Test
        void an_mvcc_conflict_that_outlasts_the_retries_fails_with_CONFLICT_RETRY() {
            backend.anchor(batch("b-1", 'a', 1, 10, null));
            final FabricLedgerSettings once = network.settings()
                    .withRetry(new FabricLedgerSettings.RetryPolicy(1, Duration.ZERO, Duration.ZERO));
            network.peer
                    .ledger()
                    .beforeNextCommit(ledger -> ledger.rewriteKey(network.peer.chaincodeName(), "latest-batch"));

            try (FabricLedgerBackend impatient = new FabricLedgerBackend(once)) {
                final LedgerException e = catchThrowableOfType(
                        LedgerException.class, () -> impatient.anchor(batch("b-2", 'b', 11, 20, "b-1")));

                assertThat(e.code()).isEqualTo(LedgerException.Code.CONFLICT_RETRY);
                assertThat(e.retryable()).isTrue();
                assertThat(e).hasMessageContaining("MVCC_READ_CONFLICT");
            }
            assertThat(backend.batch("b-2")).isEmpty();
        }

        @Test
        void a_peer_outage_fails_as_UNAVAILABLE_and_anchoring_resumes_when_it_is_back() {
            backend.anchor(batch("b-1", 'a', 1, 10, null));
            network.peer.stop();

            final LedgerException e =
                    catchThrowableOfType(LedgerException.class, () -> backend.anchor(batch("b-2", 'b', 11, 20, "b-1")));

            assertThat(e.code()).isEqualTo(LedgerException.Code.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();

            network.peer.start();
            // gRPC reconnects with its own backoff (about a second), so the outbox's next try may fail fast once.
            final AnchorReceipt receipt = await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsMatching(t -> t instanceof LedgerException l && l.retryable())
                    .until(() -> backend.anchor(batch("b-2", 'b', 11, 20, "b-1")), r -> r != null);

            assertThat(receipt.batchId()).isEqualTo("b-2");
            assertThat(backend.latestBatch()).map(BatchAnchor::batchId).contains("b-2");
        }
    }

    @Nested
    class Tls {

        private FabricTestNetwork tlsNetwork;

        @BeforeEach
        void startTlsPeer() {
            final TestIdentity organisation = TestIdentity.generate(FabricTestNetwork.MSP_ID, "ca.org1.example.com");
            // The certificate names the peer's host only, as on a real network reached by IP or tunnel.
            final TestIdentity tls = organisation.issue("peer0.org1.example.com", List.of("peer0.org1.example.com"));
            tlsNetwork = new FabricTestNetwork(directory.resolve("tls"), FabricTestPeer.config(organisation).withTls(tls));
        }

        @AfterEach
        void stopTlsPeer() {
            tlsNetwork.close();
        }

        private FabricLedgerSettings tlsSettings(TestIdentity trusted, String authority) {
            final Path ca = trusted.writePems(directory.resolve("trust-" + trusted.certificate().getSerialNumber()))
                    .certificate();
            return tlsNetwork.settings().withTls(ca, authority);
        }

        @Test
        void anchors_over_tls_with_the_peer_host_name_as_authority() {
            try (FabricLedgerBackend secure =
                    new FabricLedgerBackend(tlsSettings(tlsNetwork.organisation, "peer0.org1.example.com"))) {
                assertThat(secure.anchor(batch("b-1", 'a', 1, 1, null)).blockNumber()).isEqualTo(1);
            }
        }

        @Test
        void refuses_a_peer_certificate_for_another_host() {
            try (FabricLedgerBackend secure = new FabricLedgerBackend(tlsSettings(tlsNetwork.organisation, null))) {
                final LedgerException e = catchThrowableOfType(LedgerException.class, secure::latestBatch);

                assertThat(e.code()).isEqualTo(LedgerException.Code.UNAVAILABLE);
            }
        }

        @Test
        void refuses_a_peer_certificate_from_an_untrusted_ca() {
            final TestIdentity otherCa = TestIdentity.generate("OtherMSP", "ca.other");
            try (FabricLedgerBackend secure =
                    new FabricLedgerBackend(tlsSettings(otherCa, "peer0.org1.example.com"))) {
                final LedgerException e = catchThrowableOfType(LedgerException.class, secure::latestBatch);

                assertThat(e.code()).isEqualTo(LedgerException.Code.UNAVAILABLE);
            }
            assertThat(tlsNetwork.peer.ledger().height()).isEqualTo(1);
        }

        @Test
        void plaintext_to_a_tls_peer_fails() {
            try (FabricLedgerBackend plain = new FabricLedgerBackend(tlsNetwork.settings())) {
                final LedgerException e = catchThrowableOfType(LedgerException.class, plain::latestBatch);

                assertThat(e.code()).isEqualTo(LedgerException.Code.UNAVAILABLE);
            }
        }
    }
}
