package org.permithub.ledger.fabric;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.permithub.ledger.LedgerException;

/**
 * Turns Gateway failures into {@link LedgerException} codes.
 *
 * <p>A chaincode error reaches the client only as text: the peer's Gateway answers with a gRPC status
 * (UNKNOWN for evaluate, ABORTED for endorse) whose message or error details read
 * {@code chaincode response 500, <message>}; the contract starts every message with its error code. Transport
 * trouble shows as UNAVAILABLE or DEADLINE_EXCEEDED, and an unknown channel is UNAVAILABLE too: a peer
 * cannot tell "no such channel" from "not joined yet".
 */
final class FabricErrors {

    /** Contract error codes the client acts on (see the contracts module's AnchorErrorCode). */
    static final String BATCH_ALREADY_ANCHORED = "BATCH_ALREADY_ANCHORED";

    static final String BATCH_NOT_FOUND = "BATCH_NOT_FOUND";

    private static final Pattern CHAINCODE_CODE = Pattern.compile("chaincode response \\d+, ([A-Z][A-Z_]+): ");

    private FabricErrors() {}

    /** The contract's error code, when the failure is a chaincode error. */
    static Optional<String> chaincodeCode(GatewayException e) {
        return chaincodeCode(e.getStatus(), e.getDetails());
    }

    static Optional<String> chaincodeCode(Status status, List<ErrorDetail> details) {
        final List<String> texts = new ArrayList<>();
        details.forEach(detail -> texts.add(detail.getMessage()));
        texts.add(String.valueOf(status.getDescription()));
        for (String text : texts) {
            final Matcher matcher = CHAINCODE_CODE.matcher(text);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** Whether the gRPC status means the peer could not be reached or did not answer in time. */
    static boolean transientStatus(Status.Code code) {
        return code == Status.Code.UNAVAILABLE
                || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    static LedgerException toLedgerException(String stage, GatewayException e) {
        return toLedgerException(stage, e.getStatus(), e.getDetails(), e);
    }

    static LedgerException toLedgerException(String stage, GatewayRuntimeException e) {
        return toLedgerException(stage, e.getStatus(), e.getDetails(), e);
    }

    private static LedgerException toLedgerException(
            String stage, Status status, List<ErrorDetail> details, Exception cause) {
        final LedgerException.Code code =
                transientStatus(status.getCode()) ? LedgerException.Code.UNAVAILABLE : LedgerException.Code.REJECTED;
        return new LedgerException(code, stage + " failed: " + describe(status, details), cause);
    }

    /** Status code, description and every endorser's detail: the detail is where the peer puts the reason. */
    static String describe(Status status, List<ErrorDetail> details) {
        final StringBuilder text = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            text.append(' ').append(status.getDescription());
        }
        for (ErrorDetail detail : details) {
            text.append(" [")
                    .append(detail.getMspId())
                    .append('@')
                    .append(detail.getAddress())
                    .append(": ")
                    .append(detail.getMessage())
                    .append(']');
        }
        return text.toString();
    }
}
