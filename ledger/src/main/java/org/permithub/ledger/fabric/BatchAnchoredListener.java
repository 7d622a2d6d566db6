package org.permithub.ledger.fabric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;
import org.permithub.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chaincode's BatchAnchored events and hands each to a handler, at least once and in ledger
 * order.
 *
 * <p>The position is kept in a {@link FileCheckpointer}: after each event (BatchAnchored or not) the file
 * records its block and transaction, and a new listener on the same file resumes right after it, even across
 * process restarts. The handler runs before the checkpoint is written, so an event whose handling was cut
 * short is delivered again; handlers must be idempotent. When the stream breaks (peer restart, network) the
 * listener reconnects from the checkpoint with backoff. A handler exception is treated the same way: the event
 * is retried, not skipped.
 */
public final class BatchAnchoredListener implements AutoCloseable {

    /** Event name the PermitAnchor chaincode emits for each anchored batch. */
    public static final String BATCH_ANCHORED = "BatchAnchored";

    private static final Logger LOG = LoggerFactory.getLogger(BatchAnchoredListener.class);

    private final Network network;
    private final String chaincodeName;
    private final Path checkpointFile;
    private final long startBlock;
    private final Consumer<BatchAnchoredEvent> handler;
    private final FabricLedgerSettings.RetryPolicy retry;

    private final Object lock = new Object();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;
    private CloseableIterator<ChaincodeEvent> stream;
    /** Whether the current connection got past at least one event; resets the reconnect backoff. */
    private boolean roundProgressed;

    BatchAnchoredListener(
            Network network,
            String chaincodeName,
            Path checkpointFile,
            long startBlock,
            Consumer<BatchAnchoredEvent> handler,
            FabricLedgerSettings.RetryPolicy retry) {
        if (startBlock < 0) {
            throw new IllegalArgumentException("startBlock must not be negative");
        }
        this.network = Objects.requireNonNull(network, "network");
        this.chaincodeName = Objects.requireNonNull(chaincodeName, "chaincodeName");
        this.checkpointFile = Objects.requireNonNull(checkpointFile, "checkpointFile");
        this.startBlock = startBlock;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /**
     * Takes the checkpoint file and starts listening on a daemon thread.
     *
     * @throws UncheckedIOException when the checkpoint file cannot be opened or another listener holds it
     */
    public void start() {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            final FileCheckpointer checkpointer;
            try {
                checkpointer = new FileCheckpointer(checkpointFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use checkpoint file " + checkpointFile, e);
            }
            running = true;
            thread = new Thread(() -> run(checkpointer), "fabric-batch-anchored-listener");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops listening and releases the checkpoint file; the next listener on it resumes where this one stopped. */
    @Override
    public void close() {
        final Thread listening;
        synchronized (lock) {
            running = false;
            stopping.countDown();
            if (stream != null) {
                stream.close(); // cancels the gRPC call, which wakes the blocked iterator
            }
            listening = thread;
        }
        if (listening != null && listening != Thread.currentThread()) {
            try {
                listening.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (listening.isAlive()) {
                LOG.warn("Fabric event listener did not stop within 10 s");
            }
        }
    }

    private void run(FileCheckpointer checkpointer) {
        try (checkpointer) {
            int failures = 0;
            while (running) {
                roundProgressed = false;
                try {
                    listen(checkpointer);
                } catch (GatewayRuntimeException | UncheckedIOException e) {
                    if (running) {
                        LOG.warn("Fabric chaincode event stream failed, resuming from checkpoint: {}", e.getMessage());
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.error("BatchAnchored handler failed; the event will be delivered again", e);
                    }
                }
                // Also after a clean end of stream: reconnect, but never in a tight loop.
                failures = roundProgressed ? 1 : failures + 1;
                if (running) {
                    awaitStop(retry.backoffAfter(failures));
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot release checkpoint file {}", checkpointFile, e);
        } finally {
            synchronized (lock) {
                stream = null;
            }
        }
    }

    /** Reads events until the stream ends or fails. */
    private void listen(FileCheckpointer checkpointer) {
        final CloseableIterator<ChaincodeEvent> events = network.newChaincodeEventsRequest(chaincodeName)
                .startBlock(startBlock)
                .checkpoint(checkpointer) // overrides startBlock once the file holds a position
                .build()
                .getEvents();
        synchronized (lock) {
            if (!running) {
                events.close();
                return;
            }
            stream = events;
        }
        try {
            while (events.hasNext()) {
                final ChaincodeEvent event = events.next();
                if (BATCH_ANCHORED.equals(event.getEventName())) {
                    deliver(event);
                }
                checkpointer.checkpointChaincodeEvent(event);
                roundProgressed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + checkpointFile, e);
        } finally {
            synchronized (lock) {
                stream = null;
            }
            events.close();
        }
    }

    private void deliver(ChaincodeEvent event) {
        final ChaincodeBatchRecord record;
        try {
            record = ChaincodeBatchRecord.parse(event.getPayload());
        } catch (LedgerException e) {
            // Retrying cannot repair a malformed event; skipping it keeps the listener alive.
            LOG.error(
                    "Skipping unreadable BatchAnchored event of transaction {} in block {}",
                    event.getTransactionId(),
                    event.getBlockNumber(),
                    e);
            return;
        }
        handler.accept(new BatchAnchoredEvent(record.batch(), record.receipt(event.getBlockNumber())));
    }

    private void awaitStop(Duration pause) {
        try {
            stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
