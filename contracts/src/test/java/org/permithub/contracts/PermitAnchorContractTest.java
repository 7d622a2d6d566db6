package org.permithub.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermitAnchorContractTest {

    private static final String ROOT_A = "a".repeat(64);
    private static final String ROOT_B = "0123456789abcdef".repeat(4);
    private static final String HASH = "f".repeat(64);
    private static final Instant TX_TIME = Instant.parse("2026-03-01T08:15:30.123456789Z");

    private final PermitAnchorContract contract = new PermitAnchorContract();
    private final Map<String, byte[]> state = new TreeMap<>();
    private ChaincodeStub stub;
    private Context ctx;

    /** A stub whose state lives in a map, so write-once rules are exercised against real reads and writes. */
    @BeforeEach
    void setUp() {
        stub = mock(ChaincodeStub.class);
        ctx = mock(Context.class);
        when(ctx.getStub()).thenReturn(stub);
        when(stub.getTxId()).thenReturn("tx-1");
        when(stub.getTxTimestamp()).thenReturn(TX_TIME);
        when(stub.getState(anyString())).thenAnswer(inv -> state.get(inv.<String>getArgument(0)));
        doAnswer(inv -> state.put(inv.getArgument(0), inv.getArgument(1)))
                .when(stub)
                .putState(anyString(), any(byte[].class));
    }

    private String anchor(String batchId, String root, long first, long last, String previous) {
        return contract.anchorBatch(
                ctx, batchId, root, Long.toString(last - first + 1), Long.toString(first), Long.toString(last), previous);
    }

    private static AnchorErrorCode codeOf(ChaincodeException e) {
        final String code = new String(e.getPayload(), UTF_8);
        assertThat(e.getMessage()).startsWith(code + ": ");
        return AnchorErrorCode.valueOf(code);
    }

    @Nested
    class AnchorBatch {

        @Test
        void stores_the_record_as_sorted_json_and_moves_the_latest_pointer() {
            final String json = anchor("b-1", ROOT_A, 1, 10, "");

            assertThat(json)
                    .isEqualTo("{\"anchoredAt\":\"2026-03-01T08:15:30.123456789Z\",\"batchId\":\"b-1\","
                            + "\"firstSequence\":1,\"lastSequence\":10,\"merkleRoot\":\"" + ROOT_A + "\","
                            + "\"previousBatchId\":null,\"size\":10,\"txId\":\"tx-1\"}");
            assertThat(new String(state.get("batch:b-1"), UTF_8)).isEqualTo(json);
            assertThat(new String(state.get("latest-batch"), UTF_8)).isEqualTo(json);
        }

        @Test
        void emits_one_BatchAnchored_event_with_the_record() {
            final String json = anchor("b-1", ROOT_A, 1, 10, "");

            verify(stub).setEvent("BatchAnchored", json.getBytes(UTF_8));
        }

        @Test
        void is_write_once_even_for_the_same_root() {
            anchor("b-1", ROOT_A, 1, 10, "");
            final byte[] before = state.get("batch:b-1");

            final ChaincodeException same =
                    catchThrowableOfType(ChaincodeException.class, () -> anchor("b-1", ROOT_A, 1, 10, ""));
            final ChaincodeException other =
                    catchThrowableOfType(ChaincodeException.class, () -> anchor("b-1", ROOT_B, 1, 10, ""));

            assertThat(codeOf(same)).isEqualTo(AnchorErrorCode.BATCH_ALREADY_ANCHORED);
            assertThat(codeOf(other)).isEqualTo(AnchorErrorCode.BATCH_ALREADY_ANCHORED);
            assertThat(state.get("batch:b-1")).isEqualTo(before);
        }

        @Test
        void chains_batches_through_previousBatchId() {
            anchor("b-1", ROOT_A, 1, 10, "");
            final String second = anchor("b-2", ROOT_B, 11, 15, "b-1");

            assertThat(BatchRecord.fromJson(second).previousBatchId()).isEqualTo("b-1");
            assertThat(BatchRecord.fromJson(new String(state.get("latest-batch"), UTF_8)).batchId())
                    .isEqualTo("b-2");
        }

        @Test
        void rejects_a_batch_that_does_not_follow_the_latest() {
            anchor("b-1", ROOT_A, 1, 10, "");
            anchor("b-2", ROOT_A, 11, 20, "b-1");

            final ChaincodeException stale =
                    catchThrowableOfType(ChaincodeException.class, () -> anchor("b-3", ROOT_B, 21, 30, "b-1"));
            final ChaincodeException missingLink =
                    catchThrowableOfType(ChaincodeException.class, () -> anchor("b-3", ROOT_B, 21, 30, ""));
            final ChaincodeException overlap =
                    catchThrowableOfType(ChaincodeException.class, () -> anchor("b-3", ROOT_B, 20, 30, "b-2"));

            assertThat(codeOf(stale)).isEqualTo(AnchorErrorCode.BATCH_OUT_OF_ORDER);
            assertThat(codeOf(missingLink)).isEqualTo(AnchorErrorCode.BATCH_OUT_OF_ORDER);
            assertThat(codeOf(overlap)).isEqualTo(AnchorErrorCode.BATCH_OUT_OF_ORDER);
            assertThat(state).doesNotContainKey("batch:b-3");
        }

        @Test
        void rejects_a_previous_batch_on_an_empty_ledger() {
            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> anchor("b-2", ROOT_A, 1, 1, "b-1"));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.BATCH_OUT_OF_ORDER);
        }

        /** Roots are named in the table ("ROOT", "UPPER", "NOT_HEX") because annotation values must be constants. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "batch id with a space       | b 1 | ROOT    | 1   | 1                   | 1                   | ''",
                    "batch id with a colon       | b:1 | ROOT    | 1   | 1                   | 1                   | ''",
                    "empty batch id              | ''  | ROOT    | 1   | 1                   | 1                   | ''",
                    "root too short              | b-1 | abc     | 1   | 1                   | 1                   | ''",
                    "root in upper case          | b-1 | UPPER   | 1   | 1                   | 1                   | ''",
                    "root not hex                | b-1 | NOT_HEX | 1   | 1                   | 1                   | ''",
                    "size zero                   | b-1 | ROOT    | 0   | 1                   | 0                   | ''",
                    "size negative               | b-1 | ROOT    | -1  | 1                   | 1                   | ''",
                    "size not a number           | b-1 | ROOT    | ten | 1                   | 10                  | ''",
                    "size with leading zero      | b-1 | ROOT    | 01  | 1                   | 1                   | ''",
                    "first after last            | b-1 | ROOT    | 1   | 5                   | 4                   | ''",
                    "size does not match range   | b-1 | ROOT    | 3   | 1                   | 10                  | ''",
                    "sequence out of long range  | b-1 | ROOT    | 1   | 9999999999999999999 | 9999999999999999999 | ''",
                    "previous batch id malformed | b-1 | ROOT    | 1   | 1                   | 1                   | ../x",
                    "previous batch is itself    | b-1 | ROOT    | 1   | 1                   | 1                   | b-1",
                })
        void rejects_bad_arguments_with_INVALID_ARGUMENT(
                String why, String batchId, String root, String size, String first, String last, String previous) {
            final String merkleRoot =
                    switch (root) {
                        case "ROOT" -> ROOT_A;
                        case "UPPER" -> "A" + ROOT_A.substring(1);
                        case "NOT_HEX" -> "g" + ROOT_A.substring(1);
                        default -> root;
                    };

            final ChaincodeException e = catchThrowableOfType(
                    ChaincodeException.class,
                    () -> contract.anchorBatch(ctx, batchId, merkleRoot, size, first, last, previous));

            assertThat(codeOf(e)).as(why).isEqualTo(AnchorErrorCode.INVALID_ARGUMENT);
            assertThat(state).as(why).isEmpty();
            verify(stub, never()).setEvent(anyString(), any());
        }

        @Test
        void rejects_a_null_root() {
            final ChaincodeException e = catchThrowableOfType(
                    ChaincodeException.class, () -> contract.anchorBatch(ctx, "b-1", null, "1", "1", "1", ""));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class GetBatch {

        @Test
        void returns_the_stored_record() {
            final String json = anchor("b-1", ROOT_A, 1, 10, "");

            assertThat(contract.getBatch(ctx, "b-1")).isEqualTo(json);
        }

        @Test
        void fails_with_BATCH_NOT_FOUND_for_an_unknown_id() {
            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> contract.getBatch(ctx, "nope"));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.BATCH_NOT_FOUND);
        }

        @Test
        void rejects_a_malformed_id_without_reading_state() {
            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> contract.getBatch(ctx, "a b"));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.INVALID_ARGUMENT);
            verify(stub, never()).getState(anyString());
        }
    }

    @Nested
    class GetLatestBatch {

        @Test
        void returns_the_newest_record() {
            anchor("b-1", ROOT_A, 1, 10, "");
            final String second = anchor("b-2", ROOT_B, 11, 12, "b-1");

            assertThat(contract.getLatestBatch(ctx)).isEqualTo(second);
        }

        @Test
        void fails_with_BATCH_NOT_FOUND_on_an_empty_ledger() {
            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> contract.getLatestBatch(ctx));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.BATCH_NOT_FOUND);
        }
    }

    @Nested
    class RecordCriticalAction {

        @Test
        void stores_one_key_per_action_and_emits_an_event() {
            final String json = contract.recordCriticalAction(ctx, "act-7", HASH);

            assertThat(json)
                    .isEqualTo("{\"actionHash\":\"" + HASH + "\",\"actionId\":\"act-7\","
                            + "\"recordedAt\":\"2026-03-01T08:15:30.123456789Z\",\"txId\":\"tx-1\"}");
            assertThat(new String(state.get("action:act-7"), UTF_8)).isEqualTo(json);
            verify(stub).setEvent("CriticalActionRecorded", json.getBytes(UTF_8));
        }

        @Test
        void is_write_once() {
            contract.recordCriticalAction(ctx, "act-7", HASH);

            final ChaincodeException e = catchThrowableOfType(
                    ChaincodeException.class, () -> contract.recordCriticalAction(ctx, "act-7", ROOT_A));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.ACTION_ALREADY_RECORDED);
            assertThat(CriticalActionRecord.fromJson(new String(state.get("action:act-7"), UTF_8)).actionHash())
                    .isEqualTo(HASH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "short", "ZZZZ"})
        void rejects_a_hash_that_is_not_sha256_hex(String hash) {
            final ChaincodeException e = catchThrowableOfType(
                    ChaincodeException.class, () -> contract.recordCriticalAction(ctx, "act-7", hash));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.INVALID_ARGUMENT);
            assertThat(state).isEmpty();
        }

        @Test
        void rejects_an_action_id_carrying_free_text() {
            final ChaincodeException e = catchThrowableOfType(
                    ChaincodeException.class, () -> contract.recordCriticalAction(ctx, "张三 身份证", HASH));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class GetCriticalAction {

        @Test
        void returns_the_stored_record() {
            final String json = contract.recordCriticalAction(ctx, "act-7", HASH);

            assertThat(contract.getCriticalAction(ctx, "act-7")).isEqualTo(json);
        }

        @Test
        void fails_with_ACTION_NOT_FOUND_for_an_unknown_id() {
            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> contract.getCriticalAction(ctx, "act-8"));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.ACTION_NOT_FOUND);
        }
    }

    @Nested
    class ArgumentCount {

        @Test
        void is_checked_before_the_shim_converts_arguments() {
            when(stub.getFunction()).thenReturn("AnchorBatch");
            when(stub.getParameters()).thenReturn(List.of("b-1", ROOT_A, "1", "1", "1"));

            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> contract.createContext(stub));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.WRONG_ARGUMENT_COUNT);
            assertThat(e.getMessage()).contains("AnchorBatch takes 6 arguments, got 5");
        }

        @Test
        void surplus_arguments_are_rejected_too_even_with_a_contract_prefix() {
            when(stub.getFunction()).thenReturn("PermitAnchor:GetLatestBatch");
            when(stub.getParameters()).thenReturn(List.of("extra"));

            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> contract.createContext(stub));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.WRONG_ARGUMENT_COUNT);
        }

        @Test
        void unknown_transactions_fail_with_a_stable_code() {
            when(stub.getFunction()).thenReturn("DeleteBatch");

            final ChaincodeException e =
                    catchThrowableOfType(ChaincodeException.class, () -> contract.unknownTransaction(ctx));

            assertThat(codeOf(e)).isEqualTo(AnchorErrorCode.UNKNOWN_TRANSACTION);
        }
    }
}
