package org.permithub.ledger.fabric.testpeer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test peer itself, driven by the plain Gateway client (including its offline-signing API to send what a
 * well-behaved client never would): it must answer like a Fabric peer, or the back-end tests prove nothing.
 */
class FabricTestPeerTest {

    private static final String ROOT = "a".repeat(64);

    private final TestIdentity organisation = TestIdentity.generate("Org1MSP", "ca.org1.example.com");
    private final TestIdentity client = organisation.issue("client");
    private final TestIdentity stranger = organisation.issue("stranger");
    private FabricTestPeer peer;
    private ManagedChannel channel;
    private Gateway gateway;
    private Network network;
    private Contract contract;

    @BeforeEach
    void start() {
        peer = FabricTestPeer.start(FabricTestPeer.config(organisation));
        channel = Grpc.newChannelBuilder(peer.endpoint(), InsecureChannelCredentials.create()).build();
        gateway = Gateway.newInstance()
                .identity(new X509Identity(client.mspId(), client.certificate()))
                .signer(Signers.newPrivateKeySigner(client.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect();
        network = gateway.getNetwork(peer.channel());
        contract = network.getContract(peer.chaincodeName());
    }

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        peer.close();
    }

    private Proposal anchorProposal(String batchId) {
        return contract.newProposal("AnchorBatch")
                .addArguments(batchId, ROOT, "10", "1", "10", "")
                .build();
    }

    private static byte[] signAs(TestIdentity signer, byte[] digest) throws GeneralSecurityException {
        return Signers.newPrivateKeySigner(signer.privateKey()).sign(digest);
    }

    private static String detailsOf(GatewayException e) {
        return e.getDetails().stream()
                .map(d -> d.getMspId() + "@" + d.getAddress() + ": " + d.getMessage())
                .toList()
                .toString();
    }

    @Test
    void endorse_returns_a_transaction_with_the_chaincode_result_read_write_set_and_event() throws Exception {
        final Transaction transaction = anchorProposal("b-1").endorse();

        final SubmittedTransaction submitted = transaction.submitAsync();

        assertThat(new String(transaction.getResult(), UTF_8)).contains("\"batchId\":\"b-1\"");
        assertThat(submitted.getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
        assertThat(submitted.getStatus().getBlockNumber()).isEqualTo(1);
        final Block block = peer.ledger().block(1);
        final Transactions.Endorsed endorsed = Transactions.parseEndorsed(Envelope.parseFrom(block.getData().getData(0)));
        final KVRWSet rwset = endorsed.readWriteSets().get(peer.chaincodeName());
        assertThat(rwset.getReadsList()).extracting(KVRead::getKey).containsExactly("batch:b-1", "latest-batch");
        assertThat(rwset.getReadsList()).noneMatch(KVRead::hasVersion); // neither key existed
        assertThat(rwset.getWritesList()).extracting(KVWrite::getKey).containsExactly("batch:b-1", "latest-batch");
        assertThat(endorsed.txId()).isEqualTo(transaction.getTransactionId());
        assertThat(peer.ledger().chaincodeEvents(block))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.getEventName()).isEqualTo("BatchAnchored");
                    assertThat(event.getTxId()).isEqualTo(transaction.getTransactionId());
                    assertThat(event.getChaincodeId()).isEqualTo(peer.chaincodeName());
                });
        assertThat(block.getHeader().getPreviousHash()).isNotEmpty();
    }

    @Test
    void transactions_endorsed_on_the_same_state_collide_as_MVCC_READ_CONFLICT() throws Exception {
        final Transaction first = anchorProposal("b-1").endorse();
        final Transaction rival = anchorProposal("b-rival").endorse(); // both read latest-batch as absent

        first.submit();
        final CommitException e = catchThrowableOfType(CommitException.class, rival::submit);

        assertThat(e.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(peer.ledger().block(2).getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).byteAt(0))
                .isEqualTo((byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE);
        assertThat(peer.ledger().value(peer.chaincodeName(), "batch:b-rival")).isEmpty();
        assertThat(peer.ledger().chaincodeEvents(peer.ledger().block(2))).isEmpty(); // invalid: no event
    }

    @Test
    void resubmitting_a_committed_transaction_is_invalidated_as_DUPLICATE_TXID() throws Exception {
        final Transaction transaction = anchorProposal("b-1").endorse();
        transaction.submit();

        final SubmittedTransaction again = gateway.newTransaction(transaction.getBytes()).submitAsync();

        assertThat(again.getStatus().getBlockNumber()).isEqualTo(1); // the status is the original transaction's
        assertThat(peer.ledger().block(2).getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).byteAt(0))
                .isEqualTo((byte) TxValidationCode.DUPLICATE_TXID_VALUE);
    }

    @Test
    void a_chaincode_error_on_evaluate_is_UNKNOWN_with_the_message_in_the_details() {
        final GatewayException e =
                catchThrowableOfType(GatewayException.class, () -> contract.evaluateTransaction("GetBatch", "b-9"));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(e.getDetails()).singleElement().satisfies(detail -> {
            assertThat(detail.getMessage()).isEqualTo("chaincode response 500, BATCH_NOT_FOUND: batch b-9 is not anchored");
            assertThat(detail.getMspId()).isEqualTo("Org1MSP");
            assertThat(detail.getAddress()).isEqualTo(peer.endpoint());
        });
    }

    @Test
    void wrong_arguments_fail_endorsement_with_the_contract_error_code() {
        final EndorseException tooFew =
                catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction("AnchorBatch", "b-1"));
        final EndorseException badRoot = catchThrowableOfType(
                EndorseException.class, () -> contract.submitTransaction("AnchorBatch", "b-1", "xyz", "1", "1", "1", ""));
        final GatewayException unknown =
                catchThrowableOfType(GatewayException.class, () -> contract.evaluateTransaction("DeleteBatch", "b-1"));

        assertThat(tooFew.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(detailsOf(tooFew)).contains("chaincode response 500, WRONG_ARGUMENT_COUNT: AnchorBatch takes 6");
        assertThat(detailsOf(badRoot)).contains("INVALID_ARGUMENT: merkleRoot must be 64 lowercase hex digits");
        assertThat(detailsOf(unknown)).contains("UNKNOWN_TRANSACTION");
        assertThat(peer.endorsements()).isZero();
        assertThat(peer.ledger().height()).isEqualTo(1);
    }

    @Test
    void an_unknown_channel_is_UNAVAILABLE_and_an_unknown_chaincode_FAILED_PRECONDITION() {
        final GatewayException wrongChannel = catchThrowableOfType(
                GatewayException.class,
                () -> gateway.getNetwork("otherchannel")
                        .getContract(peer.chaincodeName())
                        .evaluateTransaction("GetLatestBatch"));
        final EndorseException wrongChaincode = catchThrowableOfType(
                EndorseException.class,
                () -> network.getContract("basic").submitTransaction("AnchorBatch", "b-1", ROOT, "1", "1", "1", ""));

        assertThat(wrongChannel.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(wrongChannel.getStatus().getDescription()).contains("otherchannel");
        assertThat(wrongChaincode.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(wrongChaincode.getStatus().getDescription()).contains("basic");
    }

    @Test
    void a_proposal_signed_with_another_key_is_refused() throws Exception {
        final Proposal proposal = anchorProposal("b-1");
        final byte[] forged = signAs(stranger, proposal.getDigest());

        final EndorseException e = catchThrowableOfType(
                EndorseException.class, () -> gateway.newSignedProposal(proposal.getBytes(), forged).endorse());

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(detailsOf(e)).contains("access denied").contains("does not verify");
        assertThat(peer.endorsements()).isZero();
    }

    @Test
    void a_high_S_signature_is_refused_although_it_verifies_mathematically() throws Exception {
        final Proposal proposal = anchorProposal("b-1");
        final byte[] highS = toHighS(signAs(client, proposal.getDigest()));

        final EndorseException e = catchThrowableOfType(
                EndorseException.class, () -> gateway.newSignedProposal(proposal.getBytes(), highS).endorse());

        assertThat(detailsOf(e)).contains("high S");
    }

    @Test
    void the_orderer_refuses_an_envelope_signed_by_someone_else() throws Exception {
        final Transaction endorsed = anchorProposal("b-1").endorse();
        final byte[] forged = signAs(stranger, endorsed.getDigest());

        final SubmitException e = catchThrowableOfType(
                SubmitException.class, () -> gateway.newSignedTransaction(endorsed.getBytes(), forged).submitAsync());

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
        assertThat(e.getStatus().getDescription()).contains("status=FORBIDDEN");
        assertThat(peer.ledger().height()).isEqualTo(1);
    }

    @Test
    void commit_status_and_event_requests_signed_by_someone_else_are_PERMISSION_DENIED() throws Exception {
        final SubmittedTransaction submitted = anchorProposal("b-1").endorse().submitAsync();
        final byte[] forgedCommit = signAs(stranger, submitted.getDigest());
        final ChaincodeEventsRequest events = network.newChaincodeEventsRequest(peer.chaincodeName()).startBlock(0).build();
        final byte[] forgedEvents = signAs(stranger, events.getDigest());

        final CommitStatusException status = catchThrowableOfType(
                CommitStatusException.class,
                () -> gateway.newSignedCommit(submitted.getBytes(), forgedCommit).getStatus());
        final GatewayRuntimeException stream;
        try (CloseableIterator<ChaincodeEvent> iterator =
                gateway.newSignedChaincodeEventsRequest(events.getBytes(), forgedEvents).getEvents()) {
            stream = catchThrowableOfType(GatewayRuntimeException.class, iterator::hasNext);
        }

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(stream.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(submitted.getStatus().isSuccessful()).isTrue(); // properly signed, the same request works
    }

    @Test
    void chaincode_events_stream_from_a_start_block_and_resume_after_a_checkpointed_transaction() throws Exception {
        contract.submitTransaction("AnchorBatch", "b-1", ROOT, "1", "1", "1", "");
        contract.submitTransaction("RecordCriticalAction", "act-1", ROOT);
        contract.submitTransaction("AnchorBatch", "b-2", ROOT, "1", "2", "2", "b-1");

        final List<ChaincodeEvent> all = read(network.newChaincodeEventsRequest(peer.chaincodeName()).startBlock(0), 3);
        final InMemoryCheckpointer checkpoint = new InMemoryCheckpointer();
        checkpoint.checkpointChaincodeEvent(all.get(0));
        final List<ChaincodeEvent> resumed =
                read(network.newChaincodeEventsRequest(peer.chaincodeName()).checkpoint(checkpoint), 2);

        assertThat(all).extracting(ChaincodeEvent::getEventName)
                .containsExactly("BatchAnchored", "CriticalActionRecorded", "BatchAnchored");
        assertThat(all).extracting(ChaincodeEvent::getBlockNumber).containsExactly(1L, 2L, 3L);
        assertThat(resumed).containsExactlyElementsOf(all.subList(1, 3));
    }

    @Test
    void qscc_finds_the_block_of_a_transaction() throws Exception {
        final Transaction transaction = anchorProposal("b-1").endorse();
        transaction.submit();

        final byte[] block = network.getContract("qscc")
                .evaluateTransaction("GetBlockByTxID", peer.channel(), transaction.getTransactionId());

        assertThat(Block.parseFrom(block).getHeader().getNumber()).isEqualTo(1);
        assertThat(Block.parseFrom(block).getData().getData(0))
                .isEqualTo(peer.ledger().block(1).getData().getData(0));
    }

    /** The first {@code count} events; the deadline turns a missing event into a failure instead of a hang. */
    private static List<ChaincodeEvent> read(ChaincodeEventsRequest.Builder request, int count) {
        final List<ChaincodeEvent> events = new ArrayList<>();
        try (CloseableIterator<ChaincodeEvent> iterator =
                request.build().getEvents(options -> options.withDeadlineAfter(10, TimeUnit.SECONDS))) {
            while (events.size() < count) {
                events.add(iterator.next()); // blocks until the peer sends; the stream never ends by itself
            }
        }
        return events;
    }

    /** (r, s) → (r, n − s): the other signature that verifies for the same key and message. */
    private byte[] toHighS(byte[] lowS) throws Exception {
        final ASN1Sequence sequence = ASN1Sequence.getInstance(lowS);
        final BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
        final BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        final BigInteger n = ((ECPublicKey) client.certificate().getPublicKey()).getParams().getOrder();
        return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(n.subtract(s))}).getEncoded();
    }
}
