package org.permithub.ledger.fabric.testpeer;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The stub a chaincode talks to while the test peer simulates one proposal, as Fabric's transaction
 * simulator does: reads come from committed state and are recorded with the version read; writes are only
 * recorded. Like Fabric, a chaincode does not read its own uncommitted writes. Range and rich queries,
 * history and private data are not offered; the anchor contract uses none of them.
 */
final class SimulationStub implements ChaincodeStub {

    private final Transactions.Proposed proposal;
    private final TestLedger ledger;
    private final String namespace;
    private final String localMspId;
    private final Map<String, KVRead> reads = new TreeMap<>();
    private final Map<String, KVWrite> writes = new TreeMap<>();
    private ChaincodeEvent event;

    SimulationStub(Transactions.Proposed proposal, TestLedger ledger, String localMspId) {
        this.proposal = proposal;
        this.ledger = ledger;
        this.namespace = proposal.chaincode();
        this.localMspId = localMspId;
    }

    /** Reads and writes in key order, as Fabric writes them so that every endorser produces the same bytes. */
    KVRWSet readWriteSet() {
        return KVRWSet.newBuilder().addAllReads(reads.values()).addAllWrites(writes.values()).build();
    }

    /** The event with the chaincode and transaction ids the peer fills in; empty if none was set. */
    Optional<ChaincodeEvent> chaincodeEvent() {
        return Optional.ofNullable(event)
                .map(e -> e.toBuilder().setChaincodeId(namespace).setTxId(getTxId()).build());
    }

    @Override
    public List<byte[]> getArgs() {
        final List<byte[]> args = new ArrayList<>();
        proposal.args().forEach(arg -> args.add(arg.toByteArray()));
        return args;
    }

    @Override
    public List<String> getStringArgs() {
        final List<String> args = new ArrayList<>();
        proposal.args().forEach(arg -> args.add(arg.toStringUtf8()));
        return args;
    }

    @Override
    public String getFunction() {
        return getStringArgs().get(0);
    }

    @Override
    public List<String> getParameters() {
        final List<String> args = getStringArgs();
        return args.subList(1, args.size());
    }

    @Override
    public String getTxId() {
        return proposal.txId();
    }

    @Override
    public String getChannelId() {
        return proposal.channel();
    }

    @Override
    public byte[] getState(String key) {
        requireKey(key);
        final Optional<TestLedger.VersionedValue> committed = ledger.read(namespace, key);
        if (!reads.containsKey(key)) {
            final KVRead.Builder read = KVRead.newBuilder().setKey(key);
            committed.ifPresent(value -> read.setVersion(value.version()));
            reads.put(key, read.build());
        }
        // The shim returns an empty array, not null, for a missing key.
        return committed.map(value -> value.value().toByteArray()).orElse(new byte[0]);
    }

    @Override
    public void putState(String key, byte[] value) {
        requireKey(key);
        writes.put(key, KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFrom(value)).build());
    }

    @Override
    public void delState(String key) {
        requireKey(key);
        writes.put(key, KVWrite.newBuilder().setKey(key).setIsDelete(true).build());
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        event = ChaincodeEvent.newBuilder()
                .setEventName(name)
                .setPayload(payload == null ? ByteString.EMPTY : ByteString.copyFrom(payload))
                .build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public SignedProposal getSignedProposal() {
        return proposal.signed();
    }

    @Override
    public Instant getTxTimestamp() {
        return proposal.timestamp();
    }

    @Override
    public byte[] getCreator() {
        return proposal.creator().toByteArray();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        final Map<String, byte[]> transientData = new HashMap<>();
        proposal.payload().getTransientMapMap().forEach((k, v) -> transientData.put(k, v.toByteArray()));
        return Collections.unmodifiableMap(transientData);
    }

    /** SHA-256 over nonce, creator and epoch (little-endian), as Fabric computes the binding. */
    @Override
    public byte[] getBinding() {
        final byte[] epoch = ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(proposal.channelHeader().getEpoch())
                .array();
        return Hash.sha256(proposal.signatureHeader()
                .getNonce()
                .concat(proposal.creator())
                .concat(ByteString.copyFrom(epoch))
                .toByteArray());
    }

    @Override
    public String getMspId() {
        return localMspId;
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (!UTF_8.newEncoder().canEncode(key)) {
            throw new IllegalArgumentException("key must be valid UTF-8");
        }
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not offered by the test peer");
    }

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unsupported();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unsupported();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unsupported();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unsupported();
    }
}
