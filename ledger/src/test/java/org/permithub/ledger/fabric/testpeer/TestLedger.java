package org.permithub.ledger.fabric.testpeer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A channel's ledger in memory: the block chain and the world state, with the committing peer's validation.
 *
 * <p>Each submitted transaction is ordered into a block of its own and validated as Fabric does: duplicate
 * transaction id, creator signature, endorsement signatures by a member of the endorsing MSP, and MVCC (every
 * key the simulation read must still have the version it read, else MVCC_READ_CONFLICT). Invalid transactions
 * stay in their block, marked in the TRANSACTIONS_FILTER metadata, and change no state. Block 0 stands in for
 * the channel's genesis block.
 */
public final class TestLedger {

    /** Result of validating one transaction. */
    public record TxStatus(TxValidationCode code, long blockNumber) {}

    /** A committed value and the (block, transaction) that wrote it. */
    record VersionedValue(ByteString value, Version version) {}

    private final String channel;
    private final MspVerifier clients;
    private final MspVerifier endorsers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition blockAdded = lock.newCondition();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, TreeMap<String, VersionedValue>> stateByNamespace = new HashMap<>();
    private final Map<String, TxStatus> statusByTxId = new HashMap<>();
    private final Map<String, List<CompletableFuture<TxStatus>>> waiters = new HashMap<>();
    private Consumer<TestLedger> beforeNextCommit;
    private int foreignTransactions;

    TestLedger(String channel, MspVerifier clients, MspVerifier endorsers) {
        this.channel = channel;
        this.clients = clients;
        this.endorsers = endorsers;
        lock.lock();
        try {
            appendBlock(List.of(), List.of());
        } finally {
            lock.unlock();
        }
    }

    /** Number of blocks, genesis included; the next block gets this number. */
    public long height() {
        lock.lock();
        try {
            return blocks.size();
        } finally {
            lock.unlock();
        }
    }

    public Block block(long number) {
        lock.lock();
        try {
            return blocks.get(Math.toIntExact(number));
        } finally {
            lock.unlock();
        }
    }

    /** The committed value of a key, as chaincode sees it. */
    public Optional<ByteString> value(String namespace, String key) {
        return read(namespace, key).map(VersionedValue::value);
    }

    /**
     * Runs {@code action} once, just before the next transaction is validated: the place to simulate another
     * client's transaction landing between this client's endorsement and its commit.
     */
    public void beforeNextCommit(Consumer<TestLedger> action) {
        lock.lock();
        try {
            beforeNextCommit = action;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits a block with another organisation's transaction that rewrites {@code key} with its current
     * value. Only the key's version changes, which is all MVCC validation looks at.
     */
    public void rewriteKey(String namespace, String key) {
        lock.lock();
        try {
            final VersionedValue current = read(namespace, key)
                    .orElseThrow(() -> new IllegalStateException("no key " + key + " in " + namespace));
            final long number = blocks.size();
            final Envelope envelope = Envelope.newBuilder()
                    .setPayload(Payload.newBuilder()
                            .setHeader(Header.newBuilder()
                                    .setChannelHeader(ChannelHeader.newBuilder()
                                            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                                            .setChannelId(channel)
                                            .setTxId("foreign-" + ++foreignTransactions)
                                            .build()
                                            .toByteString()))
                            .setData(Transaction.getDefaultInstance().toByteString())
                            .build()
                            .toByteString())
                    .build();
            state(namespace).put(key, new VersionedValue(current.value(), version(number)));
            appendBlock(List.of(envelope), List.of(TxValidationCode.VALID));
        } finally {
            lock.unlock();
        }
    }

    /** The block holding a transaction, as qscc GetBlockByTxID finds it. */
    Optional<Block> blockOf(String txId) {
        lock.lock();
        try {
            return Optional.ofNullable(statusByTxId.get(txId)).map(status -> blocks.get((int) status.blockNumber()));
        } finally {
            lock.unlock();
        }
    }

    Optional<VersionedValue> read(String namespace, String key) {
        lock.lock();
        try {
            return Optional.ofNullable(state(namespace).get(key));
        } finally {
            lock.unlock();
        }
    }

    /** Completes when the transaction is committed (at once if it already is), like the peer's commit notifier. */
    CompletableFuture<TxStatus> status(String txId) {
        lock.lock();
        try {
            final TxStatus status = statusByTxId.get(txId);
            if (status != null) {
                return CompletableFuture.completedFuture(status);
            }
            final CompletableFuture<TxStatus> future = new CompletableFuture<>();
            waiters.computeIfAbsent(txId, id -> new ArrayList<>()).add(future);
            return future;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for block {@code number}; empty if it did not come. */
    Optional<Block> awaitBlock(long number, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (blocks.size() <= number) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = blockAdded.awaitNanos(nanos);
            }
            return Optional.of(blocks.get(Math.toIntExact(number)));
        } finally {
            lock.unlock();
        }
    }

    /** Orders the transaction into a new block and validates it. */
    TxStatus commit(Envelope envelope) {
        lock.lock();
        try {
            final Consumer<TestLedger> hook = beforeNextCommit;
            beforeNextCommit = null;
            if (hook != null) {
                hook.accept(this);
            }
            final long number = blocks.size();
            final Transactions.Endorsed tx;
            try {
                tx = Transactions.parseEndorsed(envelope);
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                appendBlock(List.of(envelope), List.of(TxValidationCode.BAD_PAYLOAD));
                return new TxStatus(TxValidationCode.BAD_PAYLOAD, number);
            }
            final TxValidationCode code = validate(envelope, tx);
            if (code == TxValidationCode.VALID) {
                applyWrites(tx, number);
            }
            appendBlock(List.of(envelope), List.of(code));
            final TxStatus status = new TxStatus(code, number);
            if (code != TxValidationCode.DUPLICATE_TXID) {
                statusByTxId.put(tx.txId(), status);
                final List<CompletableFuture<TxStatus>> waiting = waiters.remove(tx.txId());
                if (waiting != null) {
                    waiting.forEach(future -> future.complete(status));
                }
            }
            return status;
        } finally {
            lock.unlock();
        }
    }

    /** Valid chaincode events of a block, in transaction order, with the transaction ids the peer added. */
    List<ChaincodeEvent> chaincodeEvents(Block block) {
        final List<ChaincodeEvent> events = new ArrayList<>();
        final ByteString filter = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (filter.byteAt(i) != TxValidationCode.VALID_VALUE) {
                continue;
            }
            try {
                Transactions.parseEvent(Envelope.parseFrom(block.getData().getData(i))).ifPresent(events::add);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("block " + block.getHeader().getNumber() + " holds a bad envelope", e);
            }
        }
        return events;
    }

    private TxValidationCode validate(Envelope envelope, Transactions.Endorsed tx) {
        if (statusByTxId.containsKey(tx.txId())) {
            return TxValidationCode.DUPLICATE_TXID;
        }
        if (!tx.channel().equals(channel)) {
            return TxValidationCode.TARGET_CHAIN_NOT_FOUND;
        }
        try {
            clients.verify(tx.creator(), envelope.getPayload(), envelope.getSignature());
        } catch (MspVerifier.AccessDenied e) {
            return TxValidationCode.BAD_CREATOR_SIGNATURE;
        }
        if (tx.endorsements().isEmpty()) {
            return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
        }
        for (Endorsement endorsement : tx.endorsements()) {
            try {
                endorsers.verify(
                        endorsement.getEndorser(),
                        tx.proposalResponsePayload().concat(endorsement.getEndorser()),
                        endorsement.getSignature());
            } catch (MspVerifier.AccessDenied e) {
                return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
            }
        }
        for (Map.Entry<String, KVRWSet> namespace : tx.readWriteSets().entrySet()) {
            for (KVRead read : namespace.getValue().getReadsList()) {
                final Optional<VersionedValue> current = read(namespace.getKey(), read.getKey());
                final boolean unchanged = current.isEmpty()
                        ? !read.hasVersion()
                        : read.hasVersion() && read.getVersion().equals(current.get().version());
                if (!unchanged) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
        }
        return TxValidationCode.VALID;
    }

    private void applyWrites(Transactions.Endorsed tx, long blockNumber) {
        for (Map.Entry<String, KVRWSet> namespace : tx.readWriteSets().entrySet()) {
            final TreeMap<String, VersionedValue> state = state(namespace.getKey());
            for (KVWrite write : namespace.getValue().getWritesList()) {
                if (write.getIsDelete()) {
                    state.remove(write.getKey());
                } else {
                    state.put(write.getKey(), new VersionedValue(write.getValue(), version(blockNumber)));
                }
            }
        }
    }

    private TreeMap<String, VersionedValue> state(String namespace) {
        return stateByNamespace.computeIfAbsent(namespace, ns -> new TreeMap<>());
    }

    /** One transaction per block, so the transaction number within the block is always 0. */
    private static Version version(long blockNumber) {
        return Version.newBuilder().setBlockNum(blockNumber).setTxNum(0).build();
    }

    private void appendBlock(List<Envelope> envelopes, List<TxValidationCode> codes) {
        final long number = blocks.size();
        final BlockData.Builder data = BlockData.newBuilder();
        envelopes.forEach(envelope -> data.addData(envelope.toByteString()));
        final byte[] filter = new byte[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            filter[i] = (byte) codes.get(i).getNumber();
        }
        final BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i <= BlockMetadataIndex.COMMIT_HASH_VALUE; i++) {
            metadata.addMetadata(
                    i == BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE ? ByteString.copyFrom(filter) : ByteString.EMPTY);
        }
        final ByteString previousHash =
                number == 0 ? ByteString.EMPTY : headerHash(blocks.get((int) number - 1).getHeader());
        final BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(previousHash)
                .setDataHash(sha256(data.getDataList()))
                .build();
        blocks.add(Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build());
        blockAdded.signalAll();
    }

    /** Fabric's block header hash: SHA-256 over the DER sequence (number, previous hash, data hash). */
    private static ByteString headerHash(BlockHeader header) {
        try {
            final byte[] der = new DERSequence(new ASN1Encodable[] {
                        new ASN1Integer(header.getNumber()),
                        new DEROctetString(header.getPreviousHash().toByteArray()),
                        new DEROctetString(header.getDataHash().toByteArray())
                    })
                    .getEncoded();
            return sha256(List.of(ByteString.copyFrom(der)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteString sha256(List<ByteString> parts) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            parts.forEach(part -> digest.update(part.toByteArray()));
            return ByteString.copyFrom(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
