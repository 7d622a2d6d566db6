package org.permithub.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors batches on Hyperledger Fabric through the peer's Gateway service and the {@code PermitAnchor}
 * chaincode.
 *
 * <p>An anchor is endorsed, submitted asynchronously and then waits for its commit status, so the receipt
 * names the block that holds it. UNAVAILABLE and MVCC_READ_CONFLICT are retried with a fresh proposal
 * (new transaction id) after a backoff. Retrying is safe because batches are write-once: when the chaincode
 * answers BATCH_ALREADY_ANCHORED, the batch on the ledger is read back, and if it is the same batch (a retry
 * after a lost answer) its existing receipt is returned; if it differs the call fails with BATCH_CONFLICT.
 *
 * <p>Thread-safe; one instance per process, closed on shutdown.
 */
public final class FabricLedgerBackend implements LedgerBackend, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FabricLedgerBackend.class);

    private static final String QSCC = "qscc";

    private final FabricLedgerSettings settings;
    private final GatewayConnection connection;

    /**
     * Reads the identity files now, so a misconfiguration fails at start-up, but connects lazily: no network
     * traffic until the first call, so the hub starts while the peer is down.
     *
     * @throws IllegalArgumentException when the certificate, key or TLS CA file cannot be read
     */
    public FabricLedgerBackend(FabricLedgerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connection = GatewayConnection.open(settings);
    }

    @Override
    public String name() {
        return "fabric";
    }

    @Override
    public AnchorReceipt anchor(BatchAnchor batch) {
        Objects.requireNonNull(batch, "batch");
        return withRetry("anchor " + batch.batchId(), () -> anchorOnce(batch));
    }

    @Override
    public Optional<BatchAnchor> batch(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        return withRetry("read batch " + batchId, () -> readRecord("GetBatch", batchId))
                .map(ChaincodeBatchRecord::batch);
    }

    @Override
    public Optional<BatchAnchor> latestBatch() {
        return withRetry("read latest batch", () -> readRecord("GetLatestBatch")).map(ChaincodeBatchRecord::batch);
    }

    /**
     * A listener for BatchAnchored events that shares this back-end's gRPC channel. Not started yet.
     *
     * @param checkpointFile where the listener records its position; it resumes there after a restart
     * @param startBlock first block to read when the checkpoint file is new (0 replays the whole history)
     */
    public BatchAnchoredListener batchAnchoredListener(
            Path checkpointFile, long startBlock, Consumer<BatchAnchoredEvent> handler) {
        return new BatchAnchoredListener(
                connection.network(), settings.chaincodeName(), checkpointFile, startBlock, handler, settings.retry());
    }

    /** Closes the gRPC channel; listeners created from this back-end stop receiving. */
    @Override
    public void close() {
        connection.close();
    }

    private AnchorReceipt anchorOnce(BatchAnchor batch) {
        final Transaction transaction;
        try {
            transaction = connection
                    .contract()
                    .newProposal("AnchorBatch")
                    .addArguments(
                            batch.batchId(),
                            batch.merkleRoot(),
                            Long.toString(batch.size()),
                            Long.toString(batch.firstSequence()),
                            Long.toString(batch.lastSequence()),
                            batch.previousBatchId() == null ? "" : batch.previousBatchId())
                    .build()
                    .endorse();
        } catch (EndorseException e) {
            final Optional<String> code = FabricErrors.chaincodeCode(e);
            if (code.isPresent() && code.get().equals(FabricErrors.BATCH_ALREADY_ANCHORED)) {
                return existingReceipt(batch);
            }
            throw FabricErrors.toLedgerException("endorse AnchorBatch " + batch.batchId(), e);
        }

        final SubmittedTransaction submitted;
        final Status status;
        try {
            // Submit asynchronously, then wait for the block: the orderer's answer alone does not say
            // whether validation (MVCC) accepted the transaction.
            submitted = transaction.submitAsync();
            status = submitted.getStatus();
        } catch (SubmitException e) {
            throw FabricErrors.toLedgerException("submit AnchorBatch " + batch.batchId(), e);
        } catch (CommitStatusException e) {
            throw FabricErrors.toLedgerException("commit status of " + e.getTransactionId(), e);
        }

        if (status.isSuccessful()) {
            final ChaincodeBatchRecord record = ChaincodeBatchRecord.parse(submitted.getResult());
            LOG.info(
                    "Anchored batch {} (root {}) in block {}, transaction {}",
                    batch.batchId(),
                    batch.merkleRoot(),
                    status.getBlockNumber(),
                    status.getTransactionId());
            return record.receipt(status.getBlockNumber());
        }
        final TxValidationCode code = status.getCode();
        if (code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT) {
            throw new LedgerException(
                    LedgerException.Code.CONFLICT_RETRY,
                    "transaction " + status.getTransactionId() + " for batch " + batch.batchId() + " was invalidated: "
                            + code);
        }
        throw new LedgerException(
                LedgerException.Code.REJECTED,
                "transaction " + status.getTransactionId() + " for batch " + batch.batchId() + " was invalidated: "
                        + code + " (block " + status.getBlockNumber() + ")");
    }

    /** The batch id is taken: same batch means our earlier attempt got through; anything else is a conflict. */
    private AnchorReceipt existingReceipt(BatchAnchor batch) {
        final ChaincodeBatchRecord onLedger = readRecord("GetBatch", batch.batchId())
                .orElseThrow(() -> new LedgerException(
                        LedgerException.Code.CONFLICT_RETRY,
                        "batch " + batch.batchId() + " reported as anchored but cannot be read yet"));
        if (!onLedger.batch().equals(normalized(batch))) {
            throw new LedgerException(
                    LedgerException.Code.BATCH_CONFLICT,
                    "batch " + batch.batchId() + " is already anchored as " + onLedger.batch() + ", not as " + batch);
        }
        LOG.info("Batch {} was already anchored by transaction {}", batch.batchId(), onLedger.transactionId());
        return onLedger.receipt(blockOf(onLedger.transactionId()));
    }

    /** The chaincode stores "no previous batch" as null, whether the caller said null or "". */
    private static BatchAnchor normalized(BatchAnchor batch) {
        if (batch.previousBatchId() == null || !batch.previousBatchId().isEmpty()) {
            return batch;
        }
        return new BatchAnchor(
                batch.batchId(), batch.merkleRoot(), batch.size(), batch.firstSequence(), batch.lastSequence(), null);
    }

    /**
     * The block holding a transaction, from the peer's query system chaincode. Only informational in a
     * receipt, so a peer that refuses qscc gives -1 rather than failing an anchor that is already done.
     */
    private long blockOf(String transactionId) {
        try {
            final byte[] block = connection
                    .network()
                    .getContract(QSCC)
                    .evaluateTransaction("GetBlockByTxID", settings.channel(), transactionId);
            return Block.parseFrom(block).getHeader().getNumber();
        } catch (GatewayException e) {
            final LedgerException failure = FabricErrors.toLedgerException("qscc GetBlockByTxID " + transactionId, e);
            if (failure.retryable()) {
                throw failure;
            }
            LOG.warn("Block number of transaction {} unknown: {}", transactionId, failure.getMessage());
            return -1;
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("Block number of transaction {} unknown: unreadable block", transactionId, e);
            return -1;
        }
    }

    private Optional<ChaincodeBatchRecord> readRecord(String transactionName, String... args) {
        try {
            final byte[] json = connection.contract().evaluateTransaction(transactionName, args);
            return Optional.of(ChaincodeBatchRecord.parse(json));
        } catch (GatewayException e) {
            final Optional<String> code = FabricErrors.chaincodeCode(e);
            if (code.isPresent() && code.get().equals(FabricErrors.BATCH_NOT_FOUND)) {
                return Optional.empty();
            }
            throw FabricErrors.toLedgerException("evaluate " + transactionName, e);
        }
    }

    private <T> T withRetry(String what, Supplier<T> call) {
        final FabricLedgerSettings.RetryPolicy retry = settings.retry();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (LedgerException e) {
                if (!e.retryable() || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                final Duration pause = jittered(retry.backoffAfter(attempt));
                LOG.warn(
                        "{} failed (attempt {} of {}), retrying in {} ms: {}",
                        what,
                        attempt,
                        retry.maxAttempts(),
                        pause.toMillis(),
                        e.getMessage());
                pause(pause, e);
            }
        }
    }

    /** ±20 % so that hub instances retrying the same conflict do not collide again in lockstep. */
    private static Duration jittered(Duration pause) {
        final double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofNanos((long) (pause.toNanos() * factor));
    }

    private static void pause(Duration pause, LedgerException pending) {
        try {
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LedgerException(
                    pending.code(), "interrupted while waiting to retry: " + pending.getMessage(), pending);
        }
    }
}
