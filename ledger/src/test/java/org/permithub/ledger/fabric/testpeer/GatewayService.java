package org.permithub.ledger.fabric.testpeer;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The peer's Gateway service, answering as a Fabric 2.5 peer does, including its error codes: an unknown
 * channel is UNAVAILABLE, an unknown chaincode FAILED_PRECONDITION, a chaincode error UNKNOWN on evaluate and
 * ABORTED on endorse with the endorser's {@code chaincode response 500, <message>} in an {@link ErrorDetail},
 * a proposal that fails the access check ABORTED with an "access denied" detail, an envelope the orderer
 * refuses ABORTED with {@code status=FORBIDDEN}.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

    private static final String QSCC = "qscc";
    private static final Duration EVENT_POLL = Duration.ofMillis(100);

    private final String channel;
    private final String chaincodeName;
    private final MspVerifier msp;
    private final PeerIdentity peer;
    private final TestLedger ledger;
    private final ChaincodeRunner chaincode;
    private final ExecutorService eventStreams;
    private final Supplier<String> address;
    private final AtomicBoolean serving = new AtomicBoolean(true);
    private final AtomicInteger endorsements = new AtomicInteger();
    private final AtomicInteger submissions = new AtomicInteger();

    GatewayService(
            String channel,
            String chaincodeName,
            MspVerifier msp,
            PeerIdentity peer,
            TestLedger ledger,
            ChaincodeRunner chaincode,
            ExecutorService eventStreams,
            Supplier<String> address) {
        this.channel = channel;
        this.chaincodeName = chaincodeName;
        this.msp = msp;
        this.peer = peer;
        this.ledger = ledger;
        this.chaincode = chaincode;
        this.eventStreams = eventStreams;
        this.address = address;
    }

    int endorsements() {
        return endorsements.get();
    }

    int submissions() {
        return submissions.get();
    }

    /** Ends running event streams; the next server instance gets a new service. */
    void shutdown() {
        serving.set(false);
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
        try {
            final Transactions.Proposed proposal = admit(request.getProposedTransaction(), "evaluate");
            final Response response =
                    QSCC.equals(proposal.chaincode()) ? queryLedger(proposal) : simulate(proposal).response();
            if (response.getStatus() < 200 || response.getStatus() >= 400) {
                throw error(
                        Status.Code.UNKNOWN,
                        "evaluate call to endorser returned error: " + chaincodeError(response),
                        detail(chaincodeError(response)));
            }
            responses.onNext(EvaluateResponse.newBuilder().setResult(response).build());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
        try {
            final Transactions.Proposed proposal = admit(request.getProposedTransaction(), "endorse");
            if (QSCC.equals(proposal.chaincode())) {
                throw error(Status.Code.FAILED_PRECONDITION, "system chaincode qscc cannot be invoked through endorse");
            }
            final Simulation simulation = simulate(proposal);
            final Response response = simulation.response();
            if (response.getStatus() < 200 || response.getStatus() >= 400) {
                throw error(
                        Status.Code.ABORTED,
                        "failed to endorse transaction, see attached details for more info",
                        detail(chaincodeError(response)));
            }
            final ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                    .setResults(Transactions.readWriteSet(proposal.chaincode(), simulation.stub().readWriteSet()))
                    .setResponse(response)
                    .setChaincodeId(ChaincodeID.newBuilder().setName(proposal.chaincode()).setVersion("1.0"));
            simulation.stub().chaincodeEvent().map(ChaincodeEvent::toByteString).ifPresent(action::setEvents);
            endorsements.incrementAndGet();
            responses.onNext(EndorseResponse.newBuilder()
                    .setPreparedTransaction(Transactions.prepare(proposal, action.build(), peer))
                    .build());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
        try {
            if (!request.hasPreparedTransaction()) {
                throw error(Status.Code.INVALID_ARGUMENT, "a prepared transaction is required");
            }
            final Envelope envelope = request.getPreparedTransaction();
            if (envelope.getSignature().isEmpty()) {
                throw error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed");
            }
            if (!channel.equals(request.getChannelId())) {
                throw error(Status.Code.FAILED_PRECONDITION, "channel " + request.getChannelId() + " not found");
            }
            broadcastCheck(envelope);
            submissions.incrementAndGet();
            ledger.commit(envelope);
            responses.onNext(SubmitResponse.getDefaultInstance());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> responses) {
        try {
            final CommitStatusRequest request = parse(() -> CommitStatusRequest.parseFrom(signed.getRequest()));
            if (request.getIdentity().isEmpty() || request.getTransactionId().isEmpty()) {
                throw error(Status.Code.INVALID_ARGUMENT, "identity and transaction id are required");
            }
            authorizeRequest(request.getIdentity(), signed.getRequest(), signed.getSignature());
            if (!channel.equals(request.getChannelId())) {
                throw error(Status.Code.FAILED_PRECONDITION, "channel " + request.getChannelId() + " not found");
            }
            final ServerCallStreamObserver<CommitStatusResponse> call =
                    (ServerCallStreamObserver<CommitStatusResponse>) responses;
            // Blocks (without holding a thread) until the transaction commits, or the client's deadline ends it.
            final CompletableFuture<TestLedger.TxStatus> status = ledger.status(request.getTransactionId());
            call.setOnCancelHandler(() -> status.cancel(false));
            status.thenAccept(committed -> {
                if (!call.isCancelled()) {
                    call.onNext(CommitStatusResponse.newBuilder()
                            .setResult(committed.code())
                            .setBlockNumber(committed.blockNumber())
                            .build());
                    call.onCompleted();
                }
            });
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void chaincodeEvents(
            SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> responses) {
        try {
            final ChaincodeEventsRequest request = parse(() -> ChaincodeEventsRequest.parseFrom(signed.getRequest()));
            authorizeRequest(request.getIdentity(), signed.getRequest(), signed.getSignature());
            if (!channel.equals(request.getChannelId())) {
                throw error(Status.Code.NOT_FOUND, "channel " + request.getChannelId() + " not found");
            }
            final long startBlock = startBlock(request);
            final ServerCallStreamObserver<ChaincodeEventsResponse> call =
                    (ServerCallStreamObserver<ChaincodeEventsResponse>) responses;
            final AtomicBoolean cancelled = new AtomicBoolean();
            call.setOnCancelHandler(() -> cancelled.set(true));
            eventStreams.execute(() -> streamEvents(request, startBlock, call, cancelled));
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        } catch (RejectedExecutionException e) {
            responses.onError(error(Status.Code.UNAVAILABLE, "peer is shutting down"));
        }
    }

    /**
     * One response per block that holds matching events, in block order, then waits for new blocks until the
     * client cancels. With an after-transaction id, events up to and including that transaction's are skipped.
     */
    private void streamEvents(
            ChaincodeEventsRequest request,
            long startBlock,
            ServerCallStreamObserver<ChaincodeEventsResponse> call,
            AtomicBoolean cancelled) {
        boolean passedAfterTransaction = request.getAfterTransactionId().isEmpty();
        long next = startBlock;
        try {
            while (!cancelled.get() && serving.get()) {
                final Optional<Block> block = ledger.awaitBlock(next, EVENT_POLL);
                if (block.isEmpty()) {
                    continue;
                }
                final List<ChaincodeEvent> matching = new ArrayList<>();
                for (ChaincodeEvent event : ledger.chaincodeEvents(block.get())) {
                    if (!passedAfterTransaction) {
                        passedAfterTransaction = event.getTxId().equals(request.getAfterTransactionId());
                        continue;
                    }
                    if (event.getChaincodeId().equals(request.getChaincodeId())) {
                        matching.add(event);
                    }
                }
                if (!matching.isEmpty() && !cancelled.get()) {
                    call.onNext(ChaincodeEventsResponse.newBuilder()
                            .setBlockNumber(next)
                            .addAllEvents(matching)
                            .build());
                }
                next++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StatusRuntimeException e) {
            return; // the call was cancelled while sending
        }
        if (!cancelled.get()) {
            call.onError(error(Status.Code.UNAVAILABLE, "peer is shutting down"));
        }
    }

    private long startBlock(ChaincodeEventsRequest request) {
        if (!request.getAfterTransactionId().isEmpty()) {
            final Optional<Block> block = ledger.blockOf(request.getAfterTransactionId());
            if (block.isPresent()) {
                return block.get().getHeader().getNumber();
            }
        }
        return switch (request.getStartPosition().getTypeCase()) {
            case SPECIFIED -> request.getStartPosition().getSpecified().getNumber();
            case NEXT_COMMIT, TYPE_NOT_SET -> ledger.height();
            default -> throw error(
                    Status.Code.INVALID_ARGUMENT,
                    "invalid start position type: " + request.getStartPosition().getTypeCase());
        };
    }

    /**
     * The checks before any simulation: the proposal parses, names this peer's channel and an installed
     * chaincode, carries the transaction id Fabric derives, and is signed by a channel member.
     */
    private Transactions.Proposed admit(SignedProposal signed, String stage) {
        final Transactions.Proposed proposal;
        try {
            proposal = Transactions.parseProposal(signed);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw error(Status.Code.INVALID_ARGUMENT, "failed to unpack transaction proposal: " + e.getMessage());
        }
        if (!channel.equals(proposal.channel())) {
            // What a real peer's Gateway answers: it cannot find peers (or config) for the channel.
            throw error(Status.Code.UNAVAILABLE, "failed to get config for channel [" + proposal.channel()
                    + "]: channel " + proposal.channel() + " not found");
        }
        if (!chaincodeName.equals(proposal.chaincode()) && !QSCC.equals(proposal.chaincode())) {
            throw error(Status.Code.FAILED_PRECONDITION, "no peers available to " + stage + " chaincode "
                    + proposal.chaincode() + " in channel " + proposal.channel());
        }
        try {
            if (!proposal.txIdMatchesNonceAndCreator()) {
                throw new MspVerifier.AccessDenied("invalid txID: it is not derived from nonce and creator");
            }
            msp.verify(proposal.creator(), signed.getProposalBytes(), signed.getSignature());
        } catch (MspVerifier.AccessDenied e) {
            final String message = "access denied: channel [" + channel + "]: " + e.getMessage();
            throw error(
                    Status.Code.ABORTED,
                    "failed to " + stage + " transaction, see attached details for more info",
                    detail(message));
        }
        return proposal;
    }

    /** The orderer's Broadcast check: a channel writer signed the envelope. */
    private void broadcastCheck(Envelope envelope) {
        try {
            final Payload payload = Payload.parseFrom(envelope.getPayload());
            final ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            final SignatureHeader signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            if (!channel.equals(channelHeader.getChannelId())) {
                throw error(Status.Code.ABORTED, "received unsuccessful response from orderer: status=BAD_REQUEST, "
                        + "info=channel " + channelHeader.getChannelId() + " not found");
            }
            msp.verify(signatureHeader.getCreator(), envelope.getPayload(), envelope.getSignature());
        } catch (InvalidProtocolBufferException e) {
            throw error(Status.Code.ABORTED, "received unsuccessful response from orderer: status=BAD_REQUEST, info="
                    + e.getMessage());
        } catch (MspVerifier.AccessDenied e) {
            throw error(Status.Code.ABORTED, "received unsuccessful response from orderer: status=FORBIDDEN, info="
                    + "implicit policy evaluation failed: " + e.getMessage());
        }
    }

    /** Commit status and event requests are signed by the identity they carry. */
    private void authorizeRequest(ByteString identity, ByteString request, ByteString signature) {
        try {
            msp.verify(identity, request, signature);
        } catch (MspVerifier.AccessDenied e) {
            throw error(Status.Code.PERMISSION_DENIED, e.getMessage());
        }
    }

    private record Simulation(SimulationStub stub, Response response) {}

    private Simulation simulate(Transactions.Proposed proposal) {
        final SimulationStub stub = new SimulationStub(proposal, ledger, peer.mspId());
        final Chaincode.Response result = chaincode.invoke(stub);
        final Response.Builder response = Response.newBuilder().setStatus(result.getStatus().getCode());
        if (result.getMessage() != null) {
            response.setMessage(result.getMessage());
        }
        if (result.getPayload() != null) {
            response.setPayload(ByteString.copyFrom(result.getPayload()));
        }
        return new Simulation(stub, response.build());
    }

    /** The part of qscc the ledger client uses: GetBlockByTxID(channel, txId). */
    private Response queryLedger(Transactions.Proposed proposal) {
        final List<String> args = proposal.args().stream().map(ByteString::toStringUtf8).toList();
        if (args.size() == 3 && args.get(0).equals("GetBlockByTxID") && args.get(1).equals(channel)) {
            return ledger.blockOf(args.get(2))
                    .map(block -> Response.newBuilder().setStatus(200).setPayload(block.toByteString()).build())
                    .orElseGet(() -> Response.newBuilder()
                            .setStatus(500)
                            .setMessage("Failed to get block for txID " + args.get(2) + ", error entry not found in index")
                            .build());
        }
        return Response.newBuilder().setStatus(500).setMessage("Requested function " + args + " not found.").build();
    }

    private static String chaincodeError(Response response) {
        return "chaincode response " + response.getStatus() + ", " + response.getMessage();
    }

    private ErrorDetail detail(String message) {
        return ErrorDetail.newBuilder()
                .setAddress(address.get())
                .setMspId(peer.mspId())
                .setMessage(message)
                .build();
    }

    /** A gRPC error carrying google.rpc.Status details, which the Gateway client exposes as getDetails(). */
    private static StatusRuntimeException error(Status.Code code, String message, ErrorDetail... details) {
        final com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private interface ProtoParser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(ProtoParser<T> parser) {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw error(Status.Code.INVALID_ARGUMENT, "invalid request: " + e.getMessage());
        }
    }
}
