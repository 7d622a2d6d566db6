package org.permithub.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricLedgerSettingsTest {

    @TempDir
    Path directory;

    @Test
    void backoff_doubles_up_to_the_maximum() {
        final FabricLedgerSettings.RetryPolicy retry =
                new FabricLedgerSettings.RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(1));

        assertThat(List.of(1, 2, 3, 4, 40).stream().map(retry::backoffAfter))
                .containsExactly(
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1));
    }

    @Test
    void defaults_follow_the_gateway_samples() {
        assertThat(FabricLedgerSettings.Deadlines.DEFAULT)
                .isEqualTo(new FabricLedgerSettings.Deadlines(
                        Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMinutes(1)));
    }

    @Test
    void refuses_incomplete_settings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FabricLedgerSettings.of("peer:7051", " ", "cc", "Org1MSP", directory, directory))
                .withMessageContaining("channel");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FabricLedgerSettings.of("peer:7051", "ch", "cc", "Org1MSP", directory, directory)
                        .withTls(null, "peer0.org1.example.com"))
                .withMessageContaining("tlsAuthorityOverride");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FabricLedgerSettings.RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void reads_the_single_file_of_an_msp_folder() throws IOException {
        final Path keystore = Files.createDirectories(directory.resolve("keystore"));
        final Path key = Files.writeString(keystore.resolve("9f2c_sk"), "key");

        assertThat(GatewayConnection.singleFile(keystore)).isEqualTo(key);
        assertThat(GatewayConnection.singleFile(key)).isEqualTo(key);
        Files.writeString(keystore.resolve("other_sk"), "key");
        assertThatThrownBy(() -> GatewayConnection.singleFile(keystore)).hasMessageContaining("exactly one file");
    }

    @Test
    void finds_the_contract_error_code_in_a_peer_error_detail_or_description() {
        final ErrorDetail detail = ErrorDetail.newBuilder()
                .setAddress("peer0.org1.example.com:7051")
                .setMspId("Org1MSP")
                .setMessage("chaincode response 500, BATCH_ALREADY_ANCHORED: batch b-1 is already anchored")
                .build();
        final Status evaluate = Status.UNKNOWN.withDescription(
                "evaluate call to endorser returned error: "
                        + "chaincode response 500, BATCH_NOT_FOUND: no batch is anchored yet");

        assertThat(FabricErrors.chaincodeCode(Status.ABORTED.withDescription("failed to endorse"), List.of(detail)))
                .contains("BATCH_ALREADY_ANCHORED");
        assertThat(FabricErrors.chaincodeCode(evaluate, List.of())).contains("BATCH_NOT_FOUND");
        assertThat(FabricErrors.chaincodeCode(Status.UNAVAILABLE.withDescription("connection refused"), List.of()))
                .isEmpty();
        assertThat(FabricErrors.describe(Status.ABORTED.withDescription("failed"), List.of(detail)))
                .isEqualTo("ABORTED failed [Org1MSP@peer0.org1.example.com:7051: " + detail.getMessage() + "]");
    }

    @Test
    void environment_variables_map_to_settings() {
        final FabricLedgerSettings settings = FabricRealNetworkTest.settingsFromEnvironment(Map.of(
                "FABRIC_PEER_ENDPOINT", "localhost:7051",
                "FABRIC_CERT_PATH", "/msp/signcerts",
                "FABRIC_KEY_PATH", "/msp/keystore",
                "FABRIC_TLS_CA_CERT_PATH", "/tls/ca.crt",
                "FABRIC_PEER_HOST_ALIAS", "peer0.org1.example.com"));

        assertThat(settings.channel()).isEqualTo("mychannel");
        assertThat(settings.chaincodeName()).isEqualTo("permitanchor");
        assertThat(settings.mspId()).isEqualTo("Org1MSP");
        assertThat(settings.tls()).isTrue();
        assertThat(settings.tlsAuthorityOverride()).isEqualTo("peer0.org1.example.com");
    }
}
