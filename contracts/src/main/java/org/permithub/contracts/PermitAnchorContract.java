package org.permithub.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Anchors Merkle roots of permit-action hashes (and, one by one, actions a site marks critical).
 *
 * <p>Only ids, sequence numbers and SHA-256 hex digests reach the ledger. Batches and critical actions are
 * write-once, and each batch must name the latest anchored batch as its predecessor, so the chain of
 * batches on the ledger has no gaps and no forks. Arguments are taken as strings and validated here, so
 * that every bad input fails with a stable {@link AnchorErrorCode} instead of the shim's generic
 * "Unexpected error".
 */
@Contract(
        name = "PermitAnchor",
        info = @Info(
                title = "Permit anchor",
                description = "Write-once anchors of Merkle roots of GB 30871-2022 permit-action hashes",
                version = "0.1.0",
                license = @License(name = "Apache-2.0")))
@Default
public final class PermitAnchorContract implements ContractInterface {

    /** Chaincode event emitted once per anchored batch; its payload is the batch record JSON. */
    public static final String BATCH_ANCHORED_EVENT = "BatchAnchored";

    /** Chaincode event emitted once per recorded critical action; its payload is the action record JSON. */
    public static final String CRITICAL_ACTION_RECORDED_EVENT = "CriticalActionRecorded";

    static final String BATCH_KEY_PREFIX = "batch:";
    static final String ACTION_KEY_PREFIX = "action:";
    /** Holds a copy of the newest batch record, so GetLatestBatch and the chain check need one read. */
    static final String LATEST_BATCH_KEY = "latest-batch";

    /** Ids: a letter or digit, then letters, digits, '.', '_' or '-'; no separators, no spaces, no free text. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Plain decimal without sign or leading zeros, so one number has exactly one spelling on the ledger. */
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    private static final Map<String, Integer> ARITY = Map.of(
            "AnchorBatch", 6,
            "GetBatch", 1,
            "GetLatestBatch", 0,
            "RecordCriticalAction", 2,
            "GetCriticalAction", 1);

    /**
     * Anchors one batch. Fails with BATCH_ALREADY_ANCHORED when the id is taken (whatever the root: the
     * client compares roots to tell an idempotent retry from a conflict) and with BATCH_OUT_OF_ORDER when
     * the batch does not continue the chain.
     *
     * @param previousBatchId empty for the first batch
     * @return the stored batch record JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT, name = "AnchorBatch")
    public String anchorBatch(
            final Context ctx,
            final String batchId,
            final String merkleRoot,
            final String size,
            final String firstSequence,
            final String lastSequence,
            final String previousBatchId) {
        requireId("batchId", batchId);
        requireSha256("merkleRoot", merkleRoot);
        final long count = requireDecimal("size", size);
        final long first = requireDecimal("firstSequence", firstSequence);
        final long last = requireDecimal("lastSequence", lastSequence);
        if (count <= 0) {
            throw AnchorErrorCode.INVALID_ARGUMENT.exception("size must be positive, was " + count);
        }
        if (first > last) {
            throw AnchorErrorCode.INVALID_ARGUMENT.exception(
                    "firstSequence " + first + " is after lastSequence " + last);
        }
        if (last - first + 1 != count) {
            throw AnchorErrorCode.INVALID_ARGUMENT.exception("sequences " + first + ".." + last + " do not hold "
                    + count + " actions");
        }
        final String previous = previousBatchId == null || previousBatchId.isEmpty() ? null : previousBatchId;
        if (previous != null) {
            requireId("previousBatchId", previous);
            if (previous.equals(batchId)) {
                throw AnchorErrorCode.INVALID_ARGUMENT.exception("a batch cannot follow itself");
            }
        }

        final ChaincodeStub stub = ctx.getStub();
        if (exists(stub, BATCH_KEY_PREFIX + batchId)) {
            throw AnchorErrorCode.BATCH_ALREADY_ANCHORED.exception("batch " + batchId + " is already anchored");
        }
        requireChainContinues(stub, previous, first);

        final BatchRecord record = new BatchRecord(
                batchId, merkleRoot, count, first, last, previous, stub.getTxId(), timestamp(stub));
        final byte[] json = record.toJson().getBytes(StandardCharsets.UTF_8);
        stub.putState(BATCH_KEY_PREFIX + batchId, json);
        stub.putState(LATEST_BATCH_KEY, json);
        stub.setEvent(BATCH_ANCHORED_EVENT, json);
        return record.toJson();
    }

    /** Returns the batch record JSON, or fails with BATCH_NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE, name = "GetBatch")
    public String getBatch(final Context ctx, final String batchId) {
        requireId("batchId", batchId);
        final byte[] json = ctx.getStub().getState(BATCH_KEY_PREFIX + batchId);
        if (json == null || json.length == 0) {
            throw AnchorErrorCode.BATCH_NOT_FOUND.exception("batch " + batchId + " is not anchored");
        }
        return new String(json, StandardCharsets.UTF_8);
    }

    /** Returns the newest batch record JSON, or fails with BATCH_NOT_FOUND while none is anchored. */
    @Transaction(intent = Transaction.TYPE.EVALUATE, name = "GetLatestBatch")
    public String getLatestBatch(final Context ctx) {
        final byte[] json = ctx.getStub().getState(LATEST_BATCH_KEY);
        if (json == null || json.length == 0) {
            throw AnchorErrorCode.BATCH_NOT_FOUND.exception("no batch is anchored yet");
        }
        return new String(json, StandardCharsets.UTF_8);
    }

    /**
     * Records one critical action under its own key, write-once.
     *
     * @param actionHash lowercase hex SHA-256 of the action's canonical JSON
     * @return the stored action record JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT, name = "RecordCriticalAction")
    public String recordCriticalAction(final Context ctx, final String actionId, final String actionHash) {
        requireId("actionId", actionId);
        requireSha256("actionHash", actionHash);
        final ChaincodeStub stub = ctx.getStub();
        final String key = ACTION_KEY_PREFIX + actionId;
        if (exists(stub, key)) {
            throw AnchorErrorCode.ACTION_ALREADY_RECORDED.exception("action " + actionId + " is already recorded");
        }
        final CriticalActionRecord record =
                new CriticalActionRecord(actionId, actionHash, stub.getTxId(), timestamp(stub));
        final byte[] json = record.toJson().getBytes(StandardCharsets.UTF_8);
        stub.putState(key, json);
        stub.setEvent(CRITICAL_ACTION_RECORDED_EVENT, json);
        return record.toJson();
    }

    /** Returns the critical action record JSON, or fails with ACTION_NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE, name = "GetCriticalAction")
    public String getCriticalAction(final Context ctx, final String actionId) {
        requireId("actionId", actionId);
        final byte[] json = ctx.getStub().getState(ACTION_KEY_PREFIX + actionId);
        if (json == null || json.length == 0) {
            throw AnchorErrorCode.ACTION_NOT_FOUND.exception("action " + actionId + " is not recorded");
        }
        return new String(json, StandardCharsets.UTF_8);
    }

    /**
     * Checks the argument count before the shim converts arguments: the shim ignores surplus arguments
     * and fails on missing ones with an opaque message, and this is the last hook that runs before that.
     */
    @Override
    public Context createContext(final ChaincodeStub stub) {
        final String function = stub.getFunction();
        final String name = function == null ? "" : function.substring(function.lastIndexOf(':') + 1);
        final Integer expected = ARITY.get(name);
        final int actual = stub.getParameters().size();
        if (expected != null && expected != actual) {
            throw AnchorErrorCode.WRONG_ARGUMENT_COUNT.exception(
                    name + " takes " + expected + " arguments, got " + actual);
        }
        return ContractInterface.super.createContext(stub);
    }

    @Override
    public void unknownTransaction(final Context ctx) {
        throw AnchorErrorCode.UNKNOWN_TRANSACTION.exception(
                "no transaction " + ctx.getStub().getFunction() + " in this contract");
    }

    private static void requireChainContinues(final ChaincodeStub stub, final String previous, final long first) {
        final byte[] latestJson = stub.getState(LATEST_BATCH_KEY);
        if (latestJson == null || latestJson.length == 0) {
            if (previous != null) {
                throw AnchorErrorCode.BATCH_OUT_OF_ORDER.exception(
                        "no batch is anchored yet, but previousBatchId is " + previous);
            }
            return;
        }
        final BatchRecord latest = BatchRecord.fromJson(new String(latestJson, StandardCharsets.UTF_8));
        if (!latest.batchId().equals(previous)) {
            throw AnchorErrorCode.BATCH_OUT_OF_ORDER.exception("previousBatchId must be the latest batch "
                    + latest.batchId() + ", was " + (previous == null ? "empty" : previous));
        }
        if (first <= latest.lastSequence()) {
            throw AnchorErrorCode.BATCH_OUT_OF_ORDER.exception("firstSequence " + first
                    + " does not follow lastSequence " + latest.lastSequence() + " of batch " + latest.batchId());
        }
    }

    private static boolean exists(final ChaincodeStub stub, final String key) {
        final byte[] value = stub.getState(key);
        return value != null && value.length > 0;
    }

    /** The transaction's own timestamp: every endorser sees the same value, unlike the local clock. */
    private static String timestamp(final ChaincodeStub stub) {
        return stub.getTxTimestamp().toString();
    }

    private static void requireId(final String name, final String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw AnchorErrorCode.INVALID_ARGUMENT.exception(
                    name + " must match " + ID.pattern() + ", was " + quoted(value));
        }
    }

    private static void requireSha256(final String name, final String value) {
        if (value == null || !SHA256_HEX.matcher(value).matches()) {
            throw AnchorErrorCode.INVALID_ARGUMENT.exception(
                    name + " must be 64 lowercase hex digits, was " + quoted(value));
        }
    }

    private static long requireDecimal(final String name, final String value) {
        if (value == null || !DECIMAL.matcher(value).matches()) {
            throw AnchorErrorCode.INVALID_ARGUMENT.exception(
                    name + " must be a non-negative decimal integer, was " + quoted(value));
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AnchorErrorCode.INVALID_ARGUMENT.exception(name + " is out of range: " + value);
        }
    }

    /** Echoes bad input back shortened, so an error message can never carry a long payload. */
    private static String quoted(final String value) {
        if (value == null) {
            return "null";
        }
        final String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return '"' + shown + '"';
    }
}
