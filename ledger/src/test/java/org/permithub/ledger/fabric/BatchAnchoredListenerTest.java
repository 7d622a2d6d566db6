package org.permithub.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.permithub.ledger.fabric.FabricTestNetwork.batch;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;

class BatchAnchoredListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private FabricTestNetwork network;
    private FabricLedgerBackend backend;
    private Path checkpoint;
    private final List<BatchAnchoredListener> listeners = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        network = FabricTestNetwork.start(directory);
        backend = new FabricLedgerBackend(network.settings());
        checkpoint = directory.resolve("batch-anchored.checkpoint");
    }

    @AfterEach
    void stop() {
        listeners.forEach(BatchAnchoredListener::close);
        backend.close();
        network.close();
    }

    private BatchAnchoredListener listen(Consumer<BatchAnchoredEvent> handler) {
        final BatchAnchoredListener listener = backend.batchAnchoredListener(checkpoint, 0, handler);
        listeners.add(listener);
        listener.start();
        return listener;
    }

    private static List<String> ids(List<BatchAnchoredEvent> events) {
        return events.stream().map(event -> event.batch().batchId()).toList();
    }

    @Test
    void delivers_each_anchored_batch_with_its_receipt_in_ledger_order() {
        final List<BatchAnchoredEvent> received = new CopyOnWriteArrayList<>();
        final BatchAnchor first = batch("b-1", 'a', 1, 10, null);
        final AnchorReceipt firstReceipt = backend.anchor(first);
        listen(received::add);

        final AnchorReceipt secondReceipt = backend.anchor(batch("b-2", 'b', 11, 20, "b-1"));
        backend.anchor(batch("b-3", 'c', 21, 30, "b-2"));

        await().atMost(WAIT).until(() -> received.size() == 3);
        assertThat(ids(received)).containsExactly("b-1", "b-2", "b-3");
        assertThat(received.get(0)).isEqualTo(new BatchAnchoredEvent(first, firstReceipt));
        assertThat(received.get(1).receipt()).isEqualTo(secondReceipt);
    }

    @Test
    void resumes_after_the_last_checkpointed_event_when_restarted() {
        final List<BatchAnchoredEvent> beforeRestart = new CopyOnWriteArrayList<>();
        backend.anchor(batch("b-1", 'a', 1, 10, null));
        backend.anchor(batch("b-2", 'b', 11, 20, "b-1"));
        final BatchAnchoredListener first = listen(beforeRestart::add);
        await().atMost(WAIT).until(() -> beforeRestart.size() == 2);
        first.close();

        // Anchored while nobody listens, with an event of another kind in between.
        backend.anchor(batch("b-3", 'c', 21, 30, "b-2"));
        recordCriticalAction("act-1");
        backend.anchor(batch("b-4", 'd', 31, 40, "b-3"));
        final List<BatchAnchoredEvent> afterRestart = new CopyOnWriteArrayList<>();
        listen(afterRestart::add);

        await().atMost(WAIT).until(() -> afterRestart.size() == 2);
        assertThat(ids(afterRestart)).containsExactly("b-3", "b-4");
        backend.anchor(batch("b-5", 'e', 41, 50, "b-4"));
        await().atMost(WAIT).until(() -> afterRestart.size() == 3);
        assertThat(ids(afterRestart)).containsExactly("b-3", "b-4", "b-5");
        assertThat(ids(beforeRestart)).containsExactly("b-1", "b-2");
    }

    @Test
    void redelivers_an_event_whose_handler_failed() {
        final AtomicInteger calls = new AtomicInteger();
        final List<BatchAnchoredEvent> handled = new CopyOnWriteArrayList<>();
        backend.anchor(batch("b-1", 'a', 1, 10, null));

        listen(event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("index database briefly down");
            }
            handled.add(event);
        });

        await().atMost(WAIT).until(() -> handled.size() == 1);
        assertThat(ids(handled)).containsExactly("b-1");
        assertThat(calls).hasValue(2);
    }

    @Test
    void reconnects_after_a_peer_restart() {
        final List<BatchAnchoredEvent> received = new CopyOnWriteArrayList<>();
        backend.anchor(batch("b-1", 'a', 1, 10, null));
        listen(received::add);
        await().atMost(WAIT).until(() -> received.size() == 1);

        network.peer.stop();
        network.peer.start();
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> backend.anchor(batch("b-2", 'b', 11, 20, "b-1")) != null);

        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(ids(received)).containsExactly("b-1", "b-2");
    }

    @Test
    void one_checkpoint_file_serves_one_listener_at_a_time() {
        final List<BatchAnchoredEvent> received = new CopyOnWriteArrayList<>();
        final BatchAnchoredListener first = listen(received::add);
        backend.anchor(batch("b-1", 'a', 1, 10, null));
        await().atMost(WAIT).until(() -> received.size() == 1);

        final BatchAnchoredListener second = backend.batchAnchoredListener(checkpoint, 0, received::add);
        assertThatThrownBy(second::start)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("checkpoint");

        first.close();
        second.start(); // the file is free again
        listeners.add(second);
        backend.anchor(batch("b-2", 'b', 11, 20, "b-1"));
        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(ids(received)).containsExactly("b-1", "b-2");
    }

    /** A CriticalActionRecorded event in the same chaincode, through a plain Gateway client. */
    private void recordCriticalAction(String actionId) {
        final ManagedChannel channel =
                Grpc.newChannelBuilder(network.peer.endpoint(), InsecureChannelCredentials.create()).build();
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(FabricTestNetwork.MSP_ID, network.client.certificate()))
                .signer(Signers.newPrivateKeySigner(network.client.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect()) {
            gateway.getNetwork(network.peer.channel())
                    .getContract(network.peer.chaincodeName())
                    .submitTransaction("RecordCriticalAction", actionId, "e".repeat(64));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            channel.shutdownNow();
        }
    }
}
