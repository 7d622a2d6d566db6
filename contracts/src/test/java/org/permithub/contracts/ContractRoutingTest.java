package org.permithub.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls the contract through the shim's own {@link ContractRouter}, as a peer does: routing by transaction
 * name, argument conversion, the argument-count check and error responses are the shim's real code.
 */
class ContractRoutingTest {

    private static ContractRouter router;
    private final Map<String, byte[]> state = new HashMap<>();

    @BeforeAll
    static void startRouter() throws Exception {
        router = new ContractRouter(new String[] {"--id", "permit-anchor-test:1"});
        // A server that does not listen: the router only needs it to finish its contract scan.
        router.startRouterWithChaincodeServer(new ChaincodeServer() {
            @Override
            public void start() {}

            @Override
            public void stop() {}
        });
    }

    private Chaincode.Response invoke(String... functionAndArgs) throws IOException {
        final ChaincodeStub stub = mock(ChaincodeStub.class);
        final List<String> strings = Arrays.asList(functionAndArgs);
        final List<byte[]> bytes = new ArrayList<>();
        strings.forEach(s -> bytes.add(s.getBytes(UTF_8)));
        when(stub.getArgs()).thenReturn(bytes);
        when(stub.getStringArgs()).thenReturn(strings);
        when(stub.getFunction()).thenReturn(strings.get(0));
        when(stub.getParameters()).thenReturn(strings.subList(1, strings.size()));
        when(stub.getTxId()).thenReturn("tx-routed");
        when(stub.getTxTimestamp()).thenReturn(Instant.parse("2026-03-01T00:00:00Z"));
        when(stub.getCreator()).thenReturn(serializedIdentity("Org1MSP", testCertificatePem()));
        when(stub.getState(anyString())).thenAnswer(inv -> state.get(inv.<String>getArgument(0)));
        doAnswer(inv -> state.put(inv.getArgument(0), inv.getArgument(1)))
                .when(stub)
                .putState(anyString(), any(byte[].class));
        return router.invoke(stub);
    }

    @Test
    void anchors_and_reads_back_through_the_router() throws IOException {
        final Chaincode.Response anchored =
                invoke("AnchorBatch", "b-1", "c".repeat(64), "3", "1", "3", "");
        final Chaincode.Response read = invoke("GetBatch", "b-1");

        assertThat(anchored.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        assertThat(read.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        assertThat(read.getStringPayload()).isEqualTo(anchored.getStringPayload()).contains("\"txId\":\"tx-routed\"");
    }

    @Test
    void the_contract_name_prefix_routes_to_the_same_transaction() throws IOException {
        invoke("AnchorBatch", "b-1", "c".repeat(64), "3", "1", "3", "");

        assertThat(invoke("PermitAnchor:GetLatestBatch").getStringPayload()).contains("\"batchId\":\"b-1\"");
    }

    @Test
    void missing_arguments_fail_with_WRONG_ARGUMENT_COUNT_not_an_opaque_error() throws IOException {
        final Chaincode.Response response = invoke("AnchorBatch", "b-1", "c".repeat(64));

        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(response.getMessage()).startsWith("WRONG_ARGUMENT_COUNT: ");
        assertThat(response.getStringPayload()).isEqualTo("WRONG_ARGUMENT_COUNT");
        assertThat(state).isEmpty();
    }

    @Test
    void contract_errors_keep_message_and_code() throws IOException {
        final Chaincode.Response response = invoke("GetBatch", "unknown");

        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(response.getMessage()).isEqualTo("BATCH_NOT_FOUND: batch unknown is not anchored");
        assertThat(response.getStringPayload()).isEqualTo("BATCH_NOT_FOUND");
    }

    @Test
    void unknown_transactions_are_refused() throws IOException {
        final Chaincode.Response response = invoke("DeleteBatch", "b-1");

        assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(response.getMessage()).startsWith("UNKNOWN_TRANSACTION: ");
    }

    private static byte[] testCertificatePem() throws IOException {
        try (InputStream in = ContractRoutingTest.class.getResourceAsStream("/identity/cert.pem")) {
            return in.readAllBytes();
        }
    }

    /**
     * msp.SerializedIdentity {mspid = 1, id_bytes = 2} in protobuf wire format, written by hand because
     * the protobuf classes are only on the shim's runtime class path.
     */
    private static byte[] serializedIdentity(String mspId, byte[] certificatePem) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeField(out, 1, mspId.getBytes(UTF_8));
        writeField(out, 2, certificatePem);
        return out.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, int number, byte[] value) {
        out.write(number << 3 | 2); // length-delimited
        int length = value.length;
        while (length >= 0x80) {
            out.write(length & 0x7f | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(value);
    }
}
